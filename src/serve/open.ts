/** Opens a URL in the default browser (start / open / xdg-open); a failure is ignored: the address is printed anyway. */
import { spawn } from 'node:child_process';

export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    // On Windows `start "" URL` must reach cmd.exe as written (Node would quote the empty title).
    const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore', windowsHide: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine: the address is on the console.
  }
}
