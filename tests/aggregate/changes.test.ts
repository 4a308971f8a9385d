/**
 * The change log's pure part: two snapshots → the figures that changed, in this build's order,
 * with differences; nothing to compare with another plan or round.
 */
import { describe, expect, it } from 'vitest';
import { diffSnapshots } from '../../src/aggregate/changes.js';
import { SNAPSHOT_VERSION, type Figure, type Snapshot } from '../../src/model/snapshot.js';

const ref = (cell: string) => ({ file: 'a.xlsx', sheet: 'Kinh phí', cell });

function fig(key: string, value: number | string | null, total = false): Figure {
  return { key, appendix: 'Dự toán kinh phí', group: 'I. Sở A', line: key, column: 'Thành tiền', value, source: total ? null : ref('F5'), total };
}

function snap(figures: Figure[], builtAt = '2026-07-01T07:00:00.000Z', roundId = 'du-toan'): Snapshot {
  return { version: SNAPSHOT_VERSION, planId: 'kh', roundId, builtAt, figures, lastChanges: null };
}

describe('diffSnapshots', () => {
  it('is null on the first build and for another round', () => {
    expect(diffSnapshots(null, snap([]))).toBeNull();
    expect(diffSnapshots(snap([fig('x', 1)]), snap([fig('x', 2)], undefined, '2025'))).toBeNull();
  });

  it('lists changed, added and removed figures with their differences; equal ones are left out', () => {
    const prev = snap([fig('a', 100), fig('b', 5), fig('c', 7), fig('t', 112, true)], '2026-07-01T07:00:00.000Z');
    const next = snap([fig('a', 100), fig('b', 6.5), fig('d', 3), fig('t', 109.5, true)], '2026-07-01T08:00:00.000Z');
    const set = diffSnapshots(prev, next);
    expect(set?.since).toBe('2026-07-01T07:00:00.000Z');
    expect(set?.builtAt).toBe('2026-07-01T08:00:00.000Z');
    expect(set?.changes.map((c) => [c.key, c.old, c.new, c.diff, c.total])).toEqual([
      ['b', 5, 6.5, 1.5, false],
      ['d', null, 3, 3, false],
      ['t', 112, 109.5, -2.5, true],
      ['c', 7, null, -7, false],
    ]);
    expect(set?.changes[0]?.source).toEqual(ref('F5'));
  });

  it('compares text (a task status) without a difference, and ignores binary noise in numbers', () => {
    const set = diffSnapshots(snap([fig('s', 'Đang thực hiện'), fig('n', 0.1 + 0.2)]), snap([fig('s', 'Hoàn thành'), fig('n', 0.3)]));
    expect(set?.changes.map((c) => [c.key, c.old, c.new, c.diff])).toEqual([['s', 'Đang thực hiện', 'Hoàn thành', null]]);
  });

  it('says nothing changed with an empty list', () => {
    expect(diffSnapshots(snap([fig('a', 1)]), snap([fig('a', 1)]))?.changes).toEqual([]);
  });
});
