/**
 * The routes of the local page: the page itself (HTML, script, style — all served from here,
 * nothing from the internet), and a small JSON API over plans, rounds, uploads, checks, status,
 * builds and downloads. Every request passes the Host check; every state-changing one the
 * Origin check; uploads are read under limits; downloads are only files baocao wrote.
 */
import { basename, join } from 'node:path';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { vnToday } from '../model/deadline.js';
import { PLAN_FILE } from '../model/sheets.js';
import { runBlankPlan } from '../run.js';
import type { RoundPaths, Workspace } from './files.js';
import { contentDisposition, hostAllowed, isSafeMethod, sameOrigin } from './guard.js';
import { boundaryOf, readMultipart, type MultipartLimits } from './multipart.js';
import { PERIOD_CHOICES, planFolderName, roundFolderName } from './names.js';
import { fileBytes, isFolderName } from '../read/index.js';
import { PREVIEW_DIR, PREVIEW_NAME, previewPages, removeFolder } from '../write/index.js';
import { Sessions, type PageEvent } from './session.js';
import { planView, roundLabel } from './views.js';

const MiB = 1024 * 1024;

/** Upload limits: a report workbook is well under a megabyte; 20 MB is also the read stage's limit. */
export const UPLOAD_LIMITS: MultipartLimits = { fileBytes: 20 * MiB, totalBytes: 100 * MiB, files: 200, fieldBytes: 10 * 1024 };

export interface Assets {
  readonly html: string;
  readonly script: string;
  readonly style: string;
}

export interface AppOptions {
  readonly ws: Workspace;
  readonly sessions: Sessions;
  readonly assets: Assets;
  /** The port the server listens on (known after listening): the Host and Origin checks use it. */
  readonly port: () => number;
  readonly limits?: MultipartLimits | undefined;
  /** LibreOffice's soffice for report previews (default: found on PATH or in the usual places). */
  readonly soffice?: string | undefined;
}

const CONTENT_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xlsm': 'application/vnd.ms-excel.sheet.macroEnabled.12',
  '.xls': 'application/vnd.ms-excel',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.zip': 'application/zip',
  '.png': 'image/png',
};

function contentTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return CONTENT_TYPES[name.slice(dot).toLowerCase()] ?? 'application/octet-stream';
}

function download(c: Context, bytes: Uint8Array, name: string): Response {
  c.header('Content-Type', contentTypeOf(name));
  c.header('Content-Disposition', contentDisposition(name));
  c.header('Content-Length', String(bytes.byteLength));
  return c.body(new Uint8Array(bytes).buffer);
}

function problem(c: Context, status: 400 | 403 | 404 | 409 | 413 | 415 | 421 | 500, message: string): Response {
  return c.json({ error: message }, status);
}

/** The hono app of one server. */
export function createApp(o: AppOptions): Hono {
  const app = new Hono();
  const limits = o.limits ?? UPLOAD_LIMITS;

  // --- Safety first: the Host (DNS rebinding), then the Origin of anything that changes state.
  app.use('*', async (c, next) => {
    const port = o.port();
    if (!hostAllowed(c.req.header('host'), port)) {
      return c.text('Yêu cầu bị từ chối: địa chỉ (Host) không phải của trang baocao trên máy này.', 421);
    }
    const site = c.req.header('sec-fetch-site');
    const isApi = c.req.path.startsWith('/api/');
    if (!isSafeMethod(c.req.method) && !sameOrigin(c.req.header('origin'), site, port)) {
      return problem(c, 403, 'Yêu cầu bị từ chối: chỉ trang baocao trên máy này mới được thay đổi dữ liệu.');
    }
    // A page of another site may not make the API work for it (writing forms, copies) even by a GET.
    if (isApi && site === 'cross-site') return problem(c, 403, 'Yêu cầu bị từ chối: đến từ một trang web khác.');
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  app.onError((err, c) => {
    const parts: string[] = [];
    for (let e: unknown = err; e; e = e instanceof Error ? e.cause : undefined) parts.push(e instanceof Error ? e.message : String(e));
    return problem(c, 500, `Lỗi khi xử lý yêu cầu: ${parts.join(' — nguyên nhân: ')}`);
  });
  app.notFound((c) => (c.req.path.startsWith('/api/') ? problem(c, 404, 'Không tìm thấy.') : c.text('Không tìm thấy trang.', 404)));

  // --- The page: three files, served from memory.
  app.get('/', (c) => c.html(o.assets.html));
  app.get('/app.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(o.assets.script);
  });
  app.get('/style.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(o.assets.style);
  });

  const jsonBody = async (c: Context): Promise<Record<string, unknown> | null> => {
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return null;
    try {
      const v: unknown = await c.req.json();
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };

  const upload = async (c: Context) => {
    const boundary = boundaryOf(c.req.header('content-type'));
    if (!boundary) return { ok: false as const, response: problem(c, 415, 'Cần gửi tệp dạng multipart/form-data.') };
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > limits.totalBytes + 64 * 1024) {
      return { ok: false as const, response: problem(c, 413, `Tổng dung lượng một lần tải lên vượt quá ${Math.round(limits.totalBytes / MiB)} MB; hãy chia thành nhiều lần.`) };
    }
    const body = c.req.raw.body as unknown as AsyncIterable<Uint8Array> | null;
    const r = await readMultipart(body, boundary, limits);
    if (!r.ok) return { ok: false as const, response: problem(c, r.status, r.message) };
    return { ok: true as const, fields: r.fields, files: r.files };
  };

  const roundOf = async (c: Context): Promise<RoundPaths | null> => o.ws.round(c.req.param('plan') ?? '', c.req.param('round') ?? '');

  // --- Plans
  app.get('/api/plans', async (c) => {
    const out = [];
    for (const id of await o.ws.planIds()) {
      const r = await o.sessions.plans.get(id);
      if (r) out.push(planView(id, r, await o.ws.roundIds(id)));
    }
    return c.json({ plans: out, input: o.ws.inputRoot, output: o.ws.outputRoot });
  });

  app.get('/api/ke-hoach-mau', async (c) => download(c, await runBlankPlan(), PLAN_FILE));

  app.post('/api/plans', async (c) => {
    const u = await upload(c);
    if (!u.ok) return u.response;
    const title = (u.fields['ten'] ?? '').trim();
    const file = u.files[0];
    if (!file) return problem(c, 400, 'Chưa chọn tệp kế hoạch (ke-hoach.xlsx).');
    const id = planFolderName(title || basename(file.filename).replace(/\.[^.]*$/, ''));
    if (!id || id === 'ke-hoach') return problem(c, 400, 'Hãy đặt tên ngắn cho kế hoạch (ví dụ: Chuyển đổi số 2026) để làm tên thư mục.');
    const made = await o.ws.createPlan(id, file.bytes);
    if (made === 'exists') return problem(c, 409, `Đã có kế hoạch "${id}". Mở kế hoạch đó và dùng "Tải lên bản sửa của tệp kế hoạch", hoặc đặt tên khác.`);
    if (made === 'invalid') return problem(c, 400, 'Tên kế hoạch không dùng được.');
    const r = await o.sessions.plans.get(id);
    return c.json({ plan: r ? planView(id, r, []) : null });
  });

  app.get('/api/plans/:plan', async (c) => {
    const id = c.req.param('plan');
    const r = await o.sessions.plans.get(id);
    if (!r) return problem(c, 404, `Không có kế hoạch "${id}" trong thư mục ${o.ws.inputRoot}.`);
    return c.json({ plan: planView(id, r, await o.ws.roundIds(id)) });
  });

  app.get('/api/plans/:plan/ke-hoach.xlsx', async (c) => {
    const dir = await o.ws.planDir(c.req.param('plan'));
    const path = dir ? await o.ws.realFileIn(o.ws.inputRoot, join(dir, PLAN_FILE)) : null;
    if (!path) return problem(c, 404, 'Không có tệp kế hoạch này.');
    return download(c, await fileBytes(path), PLAN_FILE);
  });

  app.post('/api/plans/:plan/ke-hoach', async (c) => {
    const id = c.req.param('plan');
    if (!(await o.ws.planDir(id))) return problem(c, 404, `Không có kế hoạch "${id}".`);
    const u = await upload(c);
    if (!u.ok) return u.response;
    const file = u.files[0];
    if (!file) return problem(c, 400, 'Chưa chọn tệp kế hoạch (ke-hoach.xlsx).');
    await o.ws.replacePlan(id, file.bytes);
    const r = await o.sessions.plans.get(id);
    return c.json({ plan: r ? planView(id, r, await o.ws.roundIds(id)) : null });
  });

  app.get('/api/periods', (c) => c.json({ periods: PERIOD_CHOICES, year: Number(vnToday().slice(0, 4)) }));

  app.post('/api/plans/:plan/rounds', async (c) => {
    const id = c.req.param('plan');
    const body = await jsonBody(c);
    if (!body) return problem(c, 415, 'Cần gửi dữ liệu dạng JSON.');
    const name = roundFolderName(String(body['period'] ?? ''), Number(body['year']));
    if (!name) return problem(c, 400, 'Chọn kỳ báo cáo và năm trong danh sách.');
    const r = await o.ws.createRound(id, name);
    if (!r) return problem(c, 404, `Không có kế hoạch "${id}".`);
    return c.json({ round: { id: name, label: roundLabel(name) } });
  });

  // --- A round
  app.get('/api/plans/:plan/rounds/:round', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const plan = await o.sessions.plans.get(r.planId);
    const uploads = await o.ws.uploads(r);
    const files = (await o.ws.roundFiles(r)).map((f) => ({ ...f, original: uploads.files[f.name]?.original ?? f.name }));
    return c.json({
      plan: plan ? planView(r.planId, plan, await o.ws.roundIds(r.planId)) : null,
      round: { id: r.roundId, label: roundLabel(r.roundId), folder: r.roundDir, output: r.outDir },
      files,
    });
  });

  app.get('/api/plans/:plan/rounds/:round/check', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    return c.json(await o.sessions.of(r).currentCheck());
  });

  app.post('/api/plans/:plan/rounds/:round/check', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    return c.json(await o.sessions.of(r).check());
  });

  app.post('/api/plans/:plan/rounds/:round/files', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const u = await upload(c);
    if (!u.ok) return u.response;
    if (u.files.length === 0) return problem(c, 400, 'Chưa chọn tệp nào.');
    const session = o.sessions.of(r);
    const result = await o.ws.saveUploads(r, u.files);
    session.noteUploads(result.saved);
    await session.markSeen();
    // Checked (and the report rebuilt, when there is one) right away; the page asks for the check.
    if (result.saved.length > 0) void session.afterChange();
    return c.json({ saved: result.saved.map(({ original, saved, size }) => ({ original, saved, size })), refused: result.refused });
  });

  app.get('/api/plans/:plan/rounds/:round/events', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const session = o.sessions.of(r);
    return streamSSE(c, async (stream) => {
      const queue: PageEvent[] = [];
      let wake: (() => void) | null = null;
      const off = session.listen((e) => {
        queue.push(e);
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted) {
          const e = queue.shift();
          if (e) {
            await stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
            continue;
          }
          // Wait for an event, or 15 s for a keep-alive.
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, 15_000);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wake = null;
          if (queue.length === 0 && !stream.aborted) await stream.writeSSE({ event: 'ping', data: '{}' });
        }
      } finally {
        off();
      }
    });
  });

  app.get('/api/plans/:plan/rounds/:round/status', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    return c.json(await o.sessions.of(r).status());
  });

  app.get('/api/plans/:plan/rounds/:round/report', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    return c.json(await o.sessions.of(r).report());
  });

  app.post('/api/plans/:plan/rounds/:round/build', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    return c.json(await o.sessions.of(r).build());
  });

  app.get('/api/plans/:plan/rounds/:round/bieu-mau.zip', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const forms = await o.sessions.of(r).formsZip();
    if (!forms.zip) return problem(c, 409, forms.messages.join(' ') || 'Không tạo được biểu mẫu.');
    return download(c, forms.zip, `bieu-mau-${r.planId}-${r.roundId}.zip`);
  });

  app.get('/api/plans/:plan/rounds/:round/bieu-mau', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const forms = await o.sessions.of(r).formsZip();
    if (!forms.zip) return problem(c, 409, forms.messages.join(' ') || 'Không tạo được biểu mẫu.');
    return c.json({ files: forms.files });
  });

  app.get('/api/plans/:plan/rounds/:round/bieu-mau/:file', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const name = c.req.param('file');
    const session = o.sessions.of(r);
    let path = await o.ws.outputFile(r, `bieu-mau/${name}`, session.written);
    if (!path) {
      await session.formsZip();
      path = await o.ws.outputFile(r, `bieu-mau/${name}`, session.written);
    }
    if (!path) return problem(c, 404, `Không có biểu mẫu "${name}".`);
    return download(c, await fileBytes(path), name);
  });

  app.get('/api/plans/:plan/rounds/:round/tai-ve', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const name = c.req.query('ten') ?? '';
    const path = await o.ws.outputFile(r, name, o.sessions.of(r).written);
    if (!path) return problem(c, 404, `Không có tệp "${name}" do baocao tạo trong thư mục kết quả của đợt.`);
    return download(c, await fileBytes(path), basename(name));
  });

  app.get('/api/plans/:plan/rounds/:round/tra-lai/:file', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const file = c.req.param('file');
    if (!isFolderName(file)) return problem(c, 404, 'Không có tệp này.');
    const session = o.sessions.of(r);
    const made = await session.annotated(file);
    const path = made ? await o.ws.realFileIn(o.ws.outputRoot, made) : null;
    if (!path) return problem(c, 404, `Tệp "${file}" không có lỗi hay cảnh báo nào cần đánh dấu (hoặc không còn trong thư mục đợt).`);
    return download(c, await fileBytes(path), file);
  });

  app.get('/api/plans/:plan/rounds/:round/xem-truoc', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const session = o.sessions.of(r);
    const name = r.roundId === 'du-toan' || !(await o.ws.outputFile(r, 'bao-cao.docx', session.written)) ? 'phu-luc-du-toan.docx' : 'bao-cao.docx';
    const docx = await o.ws.outputFile(r, name, session.written);
    if (!docx) return c.json({ state: 'unavailable', note: 'Chưa có báo cáo: bấm "Lập báo cáo" trước.' });
    const scratch = await o.ws.scratch(r);
    try {
      const p = await previewPages(docx, r.outDir, scratch, o.soffice);
      return c.json(p.state === 'ready' ? { state: 'ready', document: name, pages: p.pages.map((n) => `${n}?v=${p.version}`) } : p);
    } finally {
      await removeFolder(scratch);
    }
  });

  app.get('/api/plans/:plan/rounds/:round/xem-truoc/:page', async (c) => {
    const r = await roundOf(c);
    if (!r) return problem(c, 404, 'Không có đợt báo cáo này.');
    const page = c.req.param('page');
    if (!PREVIEW_NAME.test(page)) return problem(c, 404, 'Không có trang này.');
    const path = await o.ws.realFileIn(o.ws.outputRoot, join(r.outDir, PREVIEW_DIR, page));
    if (!path) return problem(c, 404, 'Không có trang này.');
    c.header('Content-Type', 'image/png');
    c.header('Cache-Control', 'private, max-age=3600');
    return c.body(new Uint8Array(await fileBytes(path)).buffer);
  });

  return app;
}
