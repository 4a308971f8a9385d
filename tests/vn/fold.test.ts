/**
 * foldKey folds most texts character by character (vn/text.ts foldByChar): it must give exactly
 * what its definition gives (slowFoldKey) — on every character it folds alone, in every position,
 * on random texts mixing those with characters that send it back to the definition (combining
 * marks, Greek, Hangul, CJK, emoji), and on every text of the shipped examples.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../src/read/index.js';
import { foldKey, slowFoldKey } from '../../src/vn/text.js';

const RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x024f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0x20a0, 0x20cf],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VIETNAMESE = 'ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ';
const ALPHABET = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?()[]{}-_/\\&"\'%+*=<>#@',
  ...VIETNAMESE,
  ...VIETNAMESE.toLowerCase(),
  ...'\t\r\n\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\u0085\u3000\u2009\u202f–—…“”‘’•₫€ß½ǅİıŉ',
];
/** Characters that send foldKey back to its definition. */
const OTHERS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323', 'Σ', 'σ', 'ς', 'ᄀ', 'ᅡ', '가', '中', '文', '😀', 'ﬁ', 'Ⅻ', '\u0130\u0307'];

describe('foldKey character by character', () => {
  it('folds every character it folds alone as its definition does, alone, between letters, at the ends and repeated', () => {
    for (const [from, to] of RANGES) {
      for (let code = from; code <= to; code++) {
        const c = String.fromCharCode(code);
        for (const text of [c, `x${c}y`, ` ${c}`, `${c} `, `Ab${c}${c}Đ`, `${c}x${c}`]) expect(foldKey(text), `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(slowFoldKey(text));
      }
    }
  });

  it('gives what its definition gives on 30.000 random texts', () => {
    const next = random(20261205);
    for (let n = 0; n < 30_000; n++) {
      const length = Math.floor(next() * 40);
      let text = '';
      for (let i = 0; i < length; i++) {
        text += next() < 0.03 ? (OTHERS[Math.floor(next() * OTHERS.length)] ?? '') : (ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '');
      }
      expect(foldKey(text), JSON.stringify(text)).toBe(slowFoldKey(text));
    }
  });

  it('gives what its definition gives on every text of the shipped examples', async () => {
    let texts = 0;
    for (const plan of await readdir(resolve('input'))) {
      const dir = resolve('input', plan);
      const files = [join(dir, 'ke-hoach.xlsx')];
      for (const round of await readdir(dir, { withFileTypes: true })) {
        if (!round.isDirectory()) continue;
        for (const f of await readdir(join(dir, round.name))) if (f.endsWith('.xlsx')) files.push(join(dir, round.name, f));
      }
      for (const file of files) {
        const read = await readWorkbookFile(file, file, { checkInProgress: false, soffice: false });
        for (const sheet of read.workbook?.sheets ?? []) {
          for (const cell of sheet.rows.flat()) {
            if (typeof cell?.value !== 'string') continue;
            texts++;
            expect(foldKey(cell.value), cell.value).toBe(slowFoldKey(cell.value));
          }
        }
      }
    }
    expect(texts).toBeGreaterThan(500);
  });

  it('folds as before: case, diacritics, đ, punctuation and spacing', () => {
    expect(foldKey('Sở Văn hóa, Thể thao & Du lịch')).toBe('so van hoa the thao du lich');
    expect(foldKey('  KINH PHÍ:\u00a0 (1000 đồng) ')).toBe('kinh phi 1000 dong');
    expect(foldKey('Hoà\u200bBình')).toBe('hoabinh');
    expect(foldKey('Đã thực hiện\nnăm 2025')).toBe('da thuc hien nam 2025');
    expect(foldKey('')).toBe('');
  });
});
