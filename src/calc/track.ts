/**
 * Is a multi-year target still within reach? A straight path from the baseline to the final
 * year's target; each year the figure is judged against it (rule also in README):
 *
 * - achieved: the figure already meets the final target (direction: ≥, ≤, > or <);
 * - not achievable: the final year has come and the target is not met, or the change still
 *   needed per remaining year is more than twice the path's own yearly change;
 * - on track: the figure meets the path's value for this year;
 * - at risk: otherwise (behind the path, but the needed pace is at most twice the path's pace).
 *
 * For a target over the whole plan (3.000 trainees 2026–2030) the figure is the sum of the
 * years so far and the path starts from 0 at the baseline year.
 */
import type { Indicator } from '../model/indicator.js';
import type { TrackStatus } from '../model/report.js';

export interface TrackInput {
  readonly direction: Indicator['direction'];
  readonly baseline: { readonly year: number; readonly value: number };
  readonly target: { readonly year: number; readonly value: number };
  /** The year judged and the figure for it (a year's value, or the plan's sum so far). */
  readonly year: number;
  readonly value: number;
}

/** How far behind the path is still "at risk" rather than "not achievable": the needed pace over the path's pace. */
export const AT_RISK_PACE_FACTOR = 2;

/** Value of the straight path from baseline to target in a year (clamped to the plan's years). */
export function pathValue(baseline: TrackInput['baseline'], target: TrackInput['target'], year: number): number {
  const span = target.year - baseline.year;
  if (span <= 0) return target.value;
  const t = Math.min(1, Math.max(0, (year - baseline.year) / span));
  return baseline.value + (target.value - baseline.value) * t;
}

function meets(direction: Indicator['direction'], value: number, goal: number, strict: boolean): boolean {
  const eps = 1e-9;
  switch (direction) {
    case 'min':
      return value >= goal - eps;
    case 'above':
      return strict ? value > goal + eps : value >= goal - eps;
    case 'max':
      return value <= goal + eps;
    case 'below':
      return strict ? value < goal - eps : value <= goal + eps;
  }
}

/** Judges one year's figure against the path to the final target. */
export function trackStatus(input: TrackInput): TrackStatus {
  const { direction, baseline, target, year, value } = input;
  if (meets(direction, value, target.value, true)) return 'achieved';
  if (year >= target.year) return 'not-achievable';
  if (meets(direction, value, pathValue(baseline, target, year), false)) return 'on-track';
  const span = Math.max(1, target.year - baseline.year);
  const pathPace = Math.abs(target.value - baseline.value) / span;
  const neededPace = Math.abs(target.value - value) / (target.year - year);
  if (pathPace === 0) return 'not-achievable';
  return neededPace <= AT_RISK_PACE_FACTOR * pathPace ? 'at-risk' : 'not-achievable';
}

/** Vietnamese words for a judgement. */
export const TRACK_LABELS: Readonly<Record<TrackStatus, string>> = {
  achieved: 'Đã đạt',
  'on-track': 'Đúng lộ trình',
  'at-risk': 'Có nguy cơ không đạt',
  'not-achievable': 'Khó đạt',
};
