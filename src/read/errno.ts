/** Environment errors in Vietnamese, through the one table of env-errors.ts, never Node's English. */
import { envText } from '../lib/env-errors.js';

export function errnoText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? envText(code).reason : `lỗi hệ thống (${errText(err)})`;
}

export function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
