/**
 * The on-track rule of multi-year targets (src/calc/track.ts, README): a straight path from the
 * baseline to the final year's target; achieved / on track / at risk / not achievable.
 */
import { describe, expect, it } from 'vitest';
import { AT_RISK_PACE_FACTOR, pathValue, trackStatus, TRACK_LABELS, type TrackInput } from '../../src/calc/track.js';
import type { TrackStatus } from '../../src/model/report.js';

const B = (year: number, value: number) => ({ year, value });

describe('pathValue: the straight path from the baseline to the target', () => {
  const cases: [string, TrackInput['baseline'], TrackInput['target'], number, number][] = [
    ['baseline year → baseline value', B(2025, 48), B(2030, 70), 2025, 48],
    ['one fifth of the way', B(2025, 48), B(2030, 70), 2026, 52.4],
    ['two fifths', B(2025, 45), B(2030, 70), 2027, 55],
    ['final year → target', B(2025, 45), B(2030, 70), 2030, 70],
    ['decreasing target (plastic packaging at most 45 %)', B(2025, 62), B(2030, 45), 2027, 55.2],
    ['whole-plan total from 0 (3.000 trainees)', B(2025, 0), B(2030, 3000), 2027, 1200],
    ['before the baseline: clamped to the baseline', B(2025, 40), B(2030, 100), 2023, 40],
    ['after the final year: clamped to the target', B(2025, 40), B(2030, 100), 2032, 100],
    ['no span (baseline year = target year): the target', B(2030, 40), B(2030, 100), 2030, 100],
  ];
  it.each(cases)('%s', (_label, baseline, target, year, expected) => {
    expect(pathValue(baseline, target, year)).toBeCloseTo(expected, 9);
  });
});

describe('trackStatus: the README rule', () => {
  type Case = [string, TrackInput['direction'], [number, number], [number, number], number, number, TrackStatus];
  // [label, direction, [baseline year, value], [target year, value], year judged, value, status]
  const cases: Case[] = [
    // Achieved: the figure already meets the final target.
    ['at least: reaches the target early', 'min', [2025, 50], [2030, 100], 2027, 100, 'achieved'],
    ['at most: already below the cap', 'max', [2025, 62], [2030, 45], 2027, 44, 'achieved'],
    ['at most: exactly the cap counts', 'max', [2025, 62], [2030, 45], 2027, 45, 'achieved'],
    ['below: strictly under', 'below', [2025, 14], [2030, 10], 2027, 7.6, 'achieved'],
    ['above: strictly over', 'above', [2025, 0], [2030, 3000], 2028, 3001, 'achieved'],
    // "Trên"/"Dưới" are strict: exactly the target is not yet achieved, but is on the path.
    ['above: exactly the target is not achieved (on track)', 'above', [2025, 40], [2030, 70], 2027, 70, 'on-track'],
    ['below: exactly the target is not achieved (on track)', 'below', [2025, 14], [2030, 10], 2027, 10, 'on-track'],
    // On track: meets this year's point on the path (not strictly).
    ['at least: above the path', 'min', [2025, 50], [2030, 100], 2027, 72, 'on-track'],
    ['at least: exactly on the path', 'min', [2025, 50], [2030, 100], 2027, 70, 'on-track'],
    ['above: exactly on the path (≥, not >)', 'above', [2025, 40], [2030, 70], 2027, 52, 'on-track'],
    ['at most: under the path', 'max', [2025, 62], [2030, 45], 2027, 55, 'on-track'],
    ['below: exactly on the path', 'below', [2025, 14], [2030, 10], 2027, 12.4, 'on-track'],
    ['whole-plan total ahead of the path', 'above', [2025, 0], [2030, 3000], 2027, 1497, 'on-track'],
    // At risk: behind the path, needed pace ≤ 2 × the path's pace.
    ['at least: behind the path', 'min', [2025, 50], [2030, 100], 2027, 65, 'at-risk'],
    ['above: behind, needed 6,67/yr vs path 6/yr', 'above', [2025, 40], [2030, 70], 2027, 50, 'at-risk'],
    ['at most: over the path', 'max', [2025, 62], [2030, 45], 2026, 63.5, 'at-risk'],
    ['at least: no progress yet, needed pace 10/3 ≤ 2 × 2', 'min', [2025, 60], [2030, 70], 2027, 60, 'at-risk'],
    ['whole-plan total behind the path', 'above', [2025, 0], [2030, 3000], 2027, 1000, 'at-risk'],
    ['exactly twice the path pace is still at risk', 'min', [2025, 50], [2030, 100], 2027, 40, 'at-risk'],
    // Not achievable: the needed pace is more than twice the path's, or the final year is missed.
    ['at least: fell back, needed 20/yr > 2 × 10', 'min', [2025, 50], [2030, 100], 2027, 39, 'not-achievable'],
    ['at most: plastic packaging rose to 66 %', 'max', [2025, 62], [2030, 45], 2027, 66, 'not-achievable'],
    ['below: rose to 16 %', 'below', [2025, 14], [2030, 10], 2027, 16, 'not-achievable'],
    ['final year, target missed', 'min', [2025, 50], [2030, 100], 2030, 99.9, 'not-achievable'],
    ['after the final year, target missed', 'above', [2025, 40], [2030, 70], 2031, 69, 'not-achievable'],
    ['final year, above: exactly the target is missed', 'above', [2025, 40], [2030, 70], 2030, 70, 'not-achievable'],
    ['final year, target met', 'min', [2025, 50], [2030, 100], 2030, 100, 'achieved'],
    ['flat path (baseline = target), not met', 'min', [2025, 70], [2030, 70], 2027, 69, 'not-achievable'],
  ];
  it.each(cases)('%s', (_label, direction, [by, bv], [ty, tv], year, value, expected) => {
    const input: TrackInput = { direction, baseline: B(by, bv), target: B(ty, tv), year, value };
    expect(trackStatus(input)).toBe(expected);
    expect(trackStatus(input)).toBe(readmeRule(input));
  });

  it('the at-risk band is twice the path pace', () => {
    expect(AT_RISK_PACE_FACTOR).toBe(2);
  });

  it('every status has a Vietnamese label', () => {
    expect(TRACK_LABELS).toEqual({
      achieved: 'Đã đạt',
      'on-track': 'Đúng lộ trình',
      'at-risk': 'Có nguy cơ không đạt',
      'not-achievable': 'Khó đạt',
    });
  });
});

/** The README rule written out independently of src/calc/track.ts. */
function readmeRule({ direction, baseline, target, year, value }: TrackInput): TrackStatus {
  const up = direction === 'min' || direction === 'above';
  const strict = direction === 'above' || direction === 'below';
  const eps = 1e-9;
  const meetsTarget = up ? (strict ? value > target.value + eps : value >= target.value - eps) : strict ? value < target.value - eps : value <= target.value + eps;
  if (meetsTarget) return 'achieved';
  if (year >= target.year) return 'not-achievable';
  const t = (year - baseline.year) / (target.year - baseline.year);
  const path = baseline.value + (target.value - baseline.value) * Math.min(1, Math.max(0, t));
  if (up ? value >= path - eps : value <= path + eps) return 'on-track';
  const pathPace = Math.abs(target.value - baseline.value) / (target.year - baseline.year);
  const needed = Math.abs(target.value - value) / (target.year - year);
  return pathPace > 0 && needed <= 2 * pathPace ? 'at-risk' : 'not-achievable';
}
