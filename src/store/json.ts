/**
 * The store's JSON files as bytes, exactly `JSON.stringify(value, null, indent)`, with the objects
 * at one depth encoded once and kept by identity: a warm engine commits a 5 MB check cache whose
 * outcomes are the same objects as last time (and a snapshot whose unchanged figures are), so a
 * commit encodes only what is new.
 */
import { ByteWriter } from '../lib/bytes.js';

/** Encoded objects kept between commits (a warm engine keeps one; a cold run needs none). */
export type JsonMemo = WeakMap<object, Buffer>;

/** The size of the last file encoded with each memo: the next one starts with a buffer a little larger. */
const lastSize = new WeakMap<JsonMemo, number>();

/**
 * `JSON.stringify(value, null, indent)` as UTF-8 bytes (with a final newline when `newline`);
 * objects and arrays `memoDepth` levels down are taken from `memo` when encoded before (the memo
 * is only valid for one `memoDepth` and `indent`: use one memo per kind of file).
 */
export function jsonBytes(value: unknown, opts: { readonly indent?: number; readonly memoDepth: number; readonly memo?: JsonMemo | undefined; readonly newline?: boolean }): Buffer {
  const indent = opts.indent ?? 0;
  // Nothing kept from an earlier commit (a run in its own process): the whole file in one piece.
  if (!opts.memo) return Buffer.from(`${(indent > 0 ? JSON.stringify(value, null, indent) : JSON.stringify(value)) ?? 'null'}${opts.newline ? '\n' : ''}`, 'utf8');
  // Text between kept objects is gathered and encoded in one piece.
  const memo = opts.memo;
  // Room for the file to grow a little since the last commit without the whole buffer being copied.
  const out = new ByteWriter(Math.ceil((lastSize.get(memo) ?? 0) * 1.1) + 64 * 1024);
  let text = '';
  const flush = (): void => {
    if (text !== '') out.text(text);
    text = '';
  };
  const pad = (level: number): string => (indent > 0 ? `\n${' '.repeat(indent * level)}` : '');
  const plain = (v: unknown, level: number): string => {
    const json = indent > 0 ? JSON.stringify(v, null, indent) : JSON.stringify(v);
    // JSON strings never hold a raw line break: every "\n" is the layout's, indented one more level here.
    return indent > 0 && level > 0 && json !== undefined ? json.replace(/\n/g, pad(level)) : (json ?? 'null');
  };
  const colon = indent > 0 ? ': ' : ':';
  const walk = (v: unknown, level: number): void => {
    if (v === null || typeof v !== 'object' || (v as { toJSON?: unknown }).toJSON !== undefined) {
      text += plain(v, level);
      return;
    }
    if (level >= opts.memoDepth) {
      let bytes = memo.get(v);
      if (!bytes) {
        bytes = Buffer.from(plain(v, level), 'utf8');
        memo.set(v, bytes);
      }
      flush();
      out.bytes(bytes);
      return;
    }
    const inner = pad(level + 1);
    if (Array.isArray(v)) {
      if (v.length === 0) {
        text += '[]';
        return;
      }
      text += `[${inner}`;
      v.forEach((item: unknown, i) => {
        if (i > 0) text += `,${inner}`;
        // As JSON.stringify: a value JSON cannot hold is null inside an array.
        walk(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, level + 1);
      });
      text += `${pad(level)}]`;
      return;
    }
    let first = true;
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      text += `${first ? `{${inner}` : `,${inner}`}${JSON.stringify(k)}${colon}`;
      first = false;
      walk(x, level + 1);
    }
    text += first ? '{}' : `${pad(level)}}`;
  };
  walk(value, 0);
  if (opts.newline) text += '\n';
  flush();
  const bytes = out.done();
  lastSize.set(memo, bytes.length);
  return bytes;
}
