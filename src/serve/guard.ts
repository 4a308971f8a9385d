/**
 * Who may talk to the local server: only requests addressed to it by its own name (Host
 * 127.0.0.1:PORT or localhost:PORT — a page on another site that rebinds its DNS name to
 * 127.0.0.1 still sends its own name), and only the page itself may change anything (Origin of
 * state-changing requests, or the browser's Sec-Fetch-Site when there is no Origin).
 */

/** The Host values the server answers to. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** The origins of the page itself. */
export function allowedOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export function hostAllowed(host: string | null | undefined, port: number): boolean {
  return host !== null && host !== undefined && allowedHosts(port).has(host.trim().toLowerCase());
}

/**
 * A request may change state when its Origin is the page's own; without an Origin (tools such
 * as curl, old browsers), when the browser does not say it comes from another site.
 */
export function sameOrigin(origin: string | null | undefined, fetchSite: string | null | undefined, port: number): boolean {
  if (origin !== null && origin !== undefined && origin !== '') return allowedOrigins(port).has(origin.trim().toLowerCase());
  return fetchSite === null || fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none';
}

/** Methods that change nothing. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** `attachment` with an ASCII fallback name and the exact name in UTF-8 (RFC 6266 / 5987). */
export function contentDisposition(name: string, inline = false): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name.normalize('NFC')).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
