/**
 * UTF-8 bytes appended to one buffer grown by doubling: a part's XML written without building its
 * text (render/zip.ts), and the store's JSON files made of encoded pieces kept between commits
 * (store/json.ts).
 */
export class ByteWriter {
  private buf: Buffer;
  private at = 0;
  constructor(capacity = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(256, capacity));
  }
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + n));
    next.set(this.buf.subarray(0, this.at));
    this.buf = next;
  }
  /** Bytes already encoded. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
  }
  /** A string as UTF-8, exactly as Buffer.from writes it (a lone surrogate becomes U+FFFD). */
  text(s: string): void {
    const n = s.length;
    if (n === 0) return;
    // At most 3 bytes per UTF-16 unit.
    this.room(3 * n);
    // A short text of ASCII only (a figure, a code) is copied here: cheaper than a call into the encoder.
    if (n <= 64) {
      const buf = this.buf;
      let at = this.at;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at++] = c;
      }
      if (i === n) {
        this.at = at;
        return;
      }
    }
    this.at += this.buf.write(s, this.at, 'utf8');
  }
  /** What was written (a view of the writer's buffer). */
  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}
