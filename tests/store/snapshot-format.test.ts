/**
 * `.baocao-snapshot.json` stores each text of the figures once (model/snapshot.ts, version 3):
 * what is read back is exactly the snapshot that was packed, a snapshot written by an earlier
 * release (version 2, every figure spelled out) still reads, a damaged one does not, and a warm
 * engine's packer keeps the tuple of a figure that did not change.
 */
import { describe, expect, it } from 'vitest';
import { jsonBytes } from '../../src/store/json.js';
import { SNAPSHOT_VERSION, SnapshotPacker, storedSnapshotSchema, type Figure, type Snapshot } from '../../src/model/snapshot.js';

const FILE = 'So Tai chinh - bao cao.xlsx';

function fig(key: string, over: Partial<Figure> = {}): Figure {
  return {
    key,
    appendix: 'Kinh phí năm 2025',
    group: 'I. Sở Tài chính',
    line: '1. Hội nghị triển khai',
    column: 'Dự toán năm 2025',
    value: 1000,
    source: { file: FILE, sheet: 'Kinh phí', cell: 'G5' },
    total: false,
    ...over,
  };
}

const figures: Figure[] = [
  fig('kinh-phi|STC|hoi nghi|estimate'),
  fig('kinh-phi|STC|hoi nghi|spent', { column: 'Đã thực hiện năm 2025', value: 600.5, source: { file: FILE, sheet: 'Kinh phí', cell: 'K5' } }),
  // A group total: only the file; a grand total: no source; a text value; a figure no longer there.
  fig('kinh-phi|STC||estimate', { line: '', value: 1000, source: { file: FILE, sheet: '', cell: '' }, total: true }),
  fig('kinh-phi|total||estimate', { group: 'Tổng cộng', line: '', source: null, total: true }),
  fig('nhiem-vu|STC|1.1|status', { appendix: 'Nhiệm vụ', column: 'Tình trạng', value: 'Đang thực hiện', source: { file: 'Sở A!.xlsx', sheet: 'Nhiệm vụ!', cell: 'D5' } }),
  fig('chi-tieu|CT01|actual', { appendix: 'Chỉ tiêu', value: null, source: null }),
];

const snapshot: Snapshot = {
  version: SNAPSHOT_VERSION,
  planId: 'kh',
  roundId: '2025',
  builtAt: '2026-12-05T08:00:00.000Z',
  figures,
  lastChanges: {
    since: '2026-12-04T08:00:00.000Z',
    builtAt: '2026-12-05T08:00:00.000Z',
    changes: [{ key: 'kinh-phi|STC|hoi nghi|spent', appendix: 'Kinh phí năm 2025', group: 'I. Sở Tài chính', line: '1. Hội nghị', column: 'Đã thực hiện', old: 500, new: 600.5, diff: 100.5, source: null, total: false }],
  },
};

/** The file as the store writes it, parsed back as the store reads it. */
function roundTrip(s: Snapshot, packer = new SnapshotPacker()): { text: string; back: Snapshot } {
  const text = jsonBytes(packer.pack(s), { memoDepth: 2, newline: true }).toString('utf8');
  return { text, back: storedSnapshotSchema.parse(JSON.parse(text)) };
}

describe('snapshot file: each text once', () => {
  it('reads back exactly the snapshot that was packed', () => {
    const { text, back } = roundTrip(snapshot);
    expect(back).toEqual(snapshot);
    // Each text is written once, however many figures share it.
    expect(text.split('I. Sở Tài chính').length - 1).toBe(1 + 1); // the texts, and lastChanges' own copy
    expect(text.split('"Kinh phí năm 2025"').length - 1).toBe(1 + 1);
    expect(JSON.parse(text).version).toBe(3);
  });

  it('an empty round', () => {
    expect(roundTrip({ ...snapshot, figures: [], lastChanges: null }).back).toEqual({ ...snapshot, figures: [], lastChanges: null });
  });

  it('reads a snapshot written by an earlier release (version 2, each figure spelled out)', () => {
    const v2 = JSON.parse(JSON.stringify({ ...snapshot, version: 2 })) as unknown;
    expect(storedSnapshotSchema.parse(v2)).toEqual(snapshot);
  });

  it.each([
    ['a text position beyond the texts', (s: { figures: unknown[][]; texts: string[] }) => ((s.figures[0] as unknown[])[2] = s.texts.length)],
    ['a source file beyond the texts', (s: { figures: unknown[][]; texts: string[] }) => ((s.figures[0] as unknown[])[7] = [s.texts.length, 0, 'G5'])],
    ['a negative position', (s: { figures: unknown[][] }) => ((s.figures[1] as unknown[])[1] = -1)],
    ['a position that is not whole', (s: { figures: unknown[][] }) => ((s.figures[1] as unknown[])[3] = 1.5)],
    ['a figure cut short', (s: { figures: unknown[][] }) => (s.figures[2] = (s.figures[2] as unknown[]).slice(0, 6))],
    ['a total that is not true or false', (s: { figures: unknown[][] }) => ((s.figures[0] as unknown[])[6] = 1)],
    ['figures written as a text', (s: { figures: unknown }) => (s.figures = 'many')],
  ])('refuses %s', (_name, damage) => {
    const stored = JSON.parse(JSON.stringify(new SnapshotPacker().pack(snapshot))) as { figures: unknown[][]; texts: string[] };
    damage(stored);
    expect(storedSnapshotSchema.safeParse(stored).success).toBe(false);
  });

  it('a warm packer keeps the tuple of an unchanged figure and the positions of its texts', () => {
    const packer = new SnapshotPacker();
    const first = packer.pack(snapshot);
    const changed = fig('kinh-phi|STC|hoi nghi|estimate', { value: 1200, group: 'I. Sở Tài chính (sửa)' });
    const next: Snapshot = { ...snapshot, figures: [changed, ...figures.slice(1)] };
    const second = packer.pack(next);
    // The same objects for the figures that are the same objects (encoded once by the store's memo).
    for (let i = 1; i < figures.length; i++) expect(second.figures[i]).toBe(first.figures[i]);
    expect(second.figures[0]).not.toBe(first.figures[0]);
    expect(second.texts.slice(0, first.texts.length)).toEqual(first.texts);
    expect(storedSnapshotSchema.parse(JSON.parse(JSON.stringify(second)))).toEqual(next);
  });

  it('a warm packer starts afresh once texts no longer used outnumber the live ones', () => {
    const packer = new SnapshotPacker();
    let last = packer.pack(snapshot);
    const live = last.texts.length;
    // Each build renames every group: the old names are no longer used.
    for (let k = 1; k <= 12; k++) {
      const renamed: Snapshot = { ...snapshot, figures: figures.map((f) => ({ ...f, group: `${f.group} (${k})`, appendix: `${f.appendix} (${k})` })) };
      last = packer.pack(renamed);
      expect(last.texts.length).toBeLessThanOrEqual(3 * live);
      expect(storedSnapshotSchema.parse(JSON.parse(JSON.stringify(last)))).toEqual(renamed);
    }
  });
});
