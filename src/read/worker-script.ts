/** The compiled worker script beside a module, or null when running from TypeScript sources (tests). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function workerScript(url: URL): URL | null {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}
