/**
 * The store's JSON encoder gives exactly JSON.stringify's bytes, with or without indentation, and
 * reuses what it encoded only for the very same objects.
 */
import { describe, expect, it } from 'vitest';
import { jsonBytes, type JsonMemo } from '../../src/store/json.js';

const figure = { key: 'kinh-phi|CQ1|x|spent', group: 'I. Sở Tài chính', line: '1. "Hội nghị"\nsơ kết', value: 1234.5, source: { file: 'a.xlsx', sheet: 'Kinh phí', cell: 'G5' }, total: false };

const CASES: [string, unknown][] = [
  ['a snapshot-like file', { version: 2, planId: 'p', builtAt: '2025-12-20T00:00:00.000Z', figures: [figure, { ...figure, value: null, source: null }], lastChanges: null }],
  ['empty containers at every depth', { a: [], b: {}, c: [[], {}, [[]]], d: { e: { f: {} } } }],
  ['undefined, functions and non-finite numbers', { a: undefined, b: () => 1, c: [undefined, NaN, Infinity, -0], d: 1e21, e: 5e-7 }],
  ['Vietnamese text, quotes, control characters and lone surrogates', { 'tên "cơ quan"': 'Ủy ban\tnhân dân\u0001', s: '\ud800x', nested: [{ k: 'Đà Nẵng' }] }],
  ['a record of files', { version: 1, key: 'k', files: { 'b.xlsx': { sha256: 'ab', outcome: { kind: 'checked', findings: [] } }, 'a.xlsx': { sha256: 'cd', outcome: null } } }],
  ['an object with toJSON', { when: new Date(Date.UTC(2025, 0, 2)), list: [new Date(0)] }],
  ['a bare array and a bare value', [1, 'x', null, { a: [1, { b: 2 }] }]],
];

describe('jsonBytes', () => {
  for (const [name, value] of CASES) {
    for (const indent of [0, 1, 2]) {
      for (const memoDepth of [0, 1, 2, 3, 9]) {
        it(`${name}: indent ${indent}, objects kept from depth ${memoDepth}`, () => {
          const expected = indent > 0 ? JSON.stringify(value, null, indent) : JSON.stringify(value);
          const memo: JsonMemo = new WeakMap();
          expect(jsonBytes(value, { indent, memoDepth, memo }).toString('utf8')).toBe(expected);
          // A second encoding through the same memo gives the same bytes.
          expect(jsonBytes(value, { indent, memoDepth, memo, newline: true }).toString('utf8')).toBe(`${expected}\n`);
          // Without a memo (a run in its own process), the same bytes.
          expect(jsonBytes(value, { indent, memoDepth }).toString('utf8')).toBe(expected);
          expect(jsonBytes(value, { indent, memoDepth, newline: true }).toString('utf8')).toBe(`${expected}\n`);
        });
      }
    }
  }

  it('gives the same bytes when a file outgrows, then undergrows, the size of the last one encoded with its memo', () => {
    const memo: JsonMemo = new WeakMap();
    const big = Array.from({ length: 20_000 }, (_, i) => [`kinh-phi|CQ${i}|Hội nghị "sơ kết"|spent`, i % 7, i / 3, i % 2 === 0, ['a.xlsx', 'Kinh phí', `K${i}`]]);
    for (const figures of [big.slice(0, 10), big, big.slice(0, 3_000), big.concat(big)]) {
      const file = { version: 3, texts: ['Tổng cộng', '\ud83d\ude00 ký tự ngoài BMP'], figures };
      expect(jsonBytes(file, { memoDepth: 2, memo, newline: true }).toString('utf8')).toBe(`${JSON.stringify(file)}\n`);
    }
  });

  it('encodes an object kept in the memo once, and a new object again even when it looks the same', () => {
    const memo: JsonMemo = new WeakMap();
    const kept = { value: 1 };
    const file = { figures: [kept] };
    jsonBytes(file, { indent: 1, memoDepth: 2, memo });
    // Mutating a kept object is what the store's callers never do: the memo shows it is reused by identity.
    kept.value = 2;
    expect(JSON.parse(jsonBytes(file, { indent: 1, memoDepth: 2, memo }).toString('utf8'))).toEqual({ figures: [{ value: 1 }] });
    expect(JSON.parse(jsonBytes({ figures: [{ value: 2 }] }, { indent: 1, memoDepth: 2, memo }).toString('utf8'))).toEqual({ figures: [{ value: 2 }] });
  });
});
