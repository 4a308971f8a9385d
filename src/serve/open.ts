/** Opens a URL in the default browser (start / open / xdg-open); a failure is ignored: the address is printed anyway. */
import { spawn } from 'node:child_process';
import { platform } from 'node:os';

export function openBrowser(url: string): void {
  const os = platform();
  const [cmd, args] =
    os === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
      : os === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    // On Windows `start "" URL` must reach cmd.exe as written (Node would quote the empty title).
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: os === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine: the address is on the console.
  }
}
