/**
 * `baocao serve`: the local page for staff. Listens on 127.0.0.1 only (a free port unless one is
 * given), serves the page and its API over the same input/ and output/ folders the command line
 * uses, and stops when asked. Nothing is fetched from the internet.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { readPageAssets } from '../read/index.js';
import type { RunOptions } from '../run.js';
import { createApp } from './app.js';
import { Workspace } from './files.js';
import type { MultipartLimits } from './multipart.js';
import { Sessions } from './session.js';

export { openBrowser } from './open.js';

export interface ServeOptions {
  /** Folder of the plans (default input). */
  readonly input: string;
  /** Folder of the outputs (default output). */
  readonly output: string;
  /** Port; 0 or absent: a free one. */
  readonly port?: number | undefined;
  /** ISO date of the runs (tests fix it). */
  readonly today?: string | undefined;
  /** Extra run options (tests). */
  readonly run?: RunOptions | undefined;
  /** Upload limits (tests make them small). */
  readonly limits?: MultipartLimits | undefined;
  /** LibreOffice's soffice for report previews ($SOFFICE, passed by the command line); default: found on PATH. */
  readonly soffice?: string | undefined;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  readonly inputRoot: string;
  readonly outputRoot: string;
  readonly close: () => Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const ws = await Workspace.open(opts.input, opts.output);
  const sessions = new Sessions(ws, { today: opts.today, run: opts.run });
  let port = 0;
  const app = createApp({ ws, sessions, assets: await readPageAssets(), port: () => port, limits: opts.limits, soffice: opts.soffice });
  const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: '127.0.0.1', overrideGlobalObjects: false });
  await new Promise<void>((ok, fail) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      fail(
        err.code === 'EADDRINUSE'
          ? new Error(`Cổng ${opts.port} đang được một chương trình khác dùng; bỏ --port để baocao tự chọn cổng trống, hoặc chọn cổng khác.`, { cause: err })
          : new Error(`Không mở được máy chủ trang baocao: ${err.message}`, { cause: err }),
      );
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    inputRoot: ws.inputRoot,
    outputRoot: ws.outputRoot,
    close: () =>
      new Promise<void>((ok) => {
        sessions.close();
        const s = server as unknown as { closeAllConnections?: () => void; close: (cb: () => void) => void };
        s.closeAllConnections?.();
        s.close(() => ok());
      }),
  };
}
