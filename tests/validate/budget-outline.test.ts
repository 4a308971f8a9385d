import { describe, expect, it } from 'vitest';
import { outlineLevel, outlineParents } from '../../src/validate/budget-outline.js';

describe('outlineParents: which budget line a line details, by its number', () => {
  it.each([
    { stts: ['1', '2', '3'], parents: [-1, -1, -1] },
    { stts: ['1', '1.1', '1.2', '2'], parents: [-1, 0, 0, -1] },
    { stts: ['1.', '1.1.', '1.1.1', '1.1.2', '1.2', '2.'], parents: [-1, 0, 1, 1, 0, -1] },
    { stts: ['1', 'a', 'b)', '2', 'a.'], parents: [-1, 0, 0, -1, 3] },
    { stts: ['1', '-', '+', '2'], parents: [-1, 0, 0, -1] },
    { stts: ['1', 'a', '-', '-', 'b', '2'], parents: [-1, 0, 1, 1, 0, -1] },
    { stts: ['A', '1', '1.1', '2', 'B', '1'], parents: [-1, 0, 1, 0, -1, 4] },
    // "1.10" is not under "1.1"; "10" is not under "1"; a blank number details nothing and is detailed by nothing.
    { stts: ['1.1', '1.10', '1', '10', '', '1', ''], parents: [-1, -1, -1, -1, -1, -1, -1] },
    // A detail number with nothing above it to detail.
    { stts: ['1.1', '1.2', '-'], parents: [-1, -1, 1] },
    { stts: ['-', '-'], parents: [-1, -1] },
  ])('$stts', ({ stts, parents }) => {
    expect(outlineParents(stts)).toEqual(parents);
  });

  it.each([
    ['1', { kind: 'number', path: [1] }],
    [' 2.3) ', { kind: 'number', path: [2, 3] }],
    ['đ', { kind: 'letter' }],
    ['b)', { kind: 'letter' }],
    ['–', { kind: 'bullet' }],
    ['B', { kind: 'part' }],
    ['1a', null],
    ['Ghi chú', null],
    ['', null],
  ])('the number "%s" is at level %j', (stt, level) => {
    expect(outlineLevel(stt)).toEqual(level);
  });
});
