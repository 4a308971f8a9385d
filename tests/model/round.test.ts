import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { periodIdOf } from '../../src/model/period.js';
import { ROUND_NAME_EXAMPLES, makePeriod, parseRoundName, readRoundName } from '../../src/model/round.js';

/** What a folder name means, written as the period id ("2026-Q3"), "du-toan", or null when refused. */
function meaning(name: string): string | null {
  const r = readRoundName(name);
  if (r === null) return null;
  if (r.kind === 'estimate') return 'du-toan';
  return r.period ? periodIdOf(r.period) : 'no-period';
}

describe('round folder names as people write them', () => {
  it.each([
    // The spellings the README already listed.
    ['du-toan', 'du-toan'],
    ['2025', '2025'],
    ['2026-Q3', '2026-Q3'],
    ['2026-q3', '2026-Q3'],
    ['2026-quy-3', '2026-Q3'],
    ['2026-H1', '2026-H1'],
    ['2026-H2', '2026-H2'],
    ['2026-6t', '2026-H1'],
    ['2026-6t2', '2026-H2'],
    ['2026-9t', '2026-9T'],
    ['2026-9T', '2026-9T'],
    ['2026-07', '2026-07'],
    ['2026-7', '2026-07'],
    ['2026-thang-7', '2026-07'],
    ['2026_thang_12', '2026-12'],
    // Estimate round, with and without diacritics.
    ['Du toan', 'du-toan'],
    ['Dự toán', 'du-toan'],
    ['DỰ TOÁN', 'du-toan'],
    ['du_toan', 'du-toan'],
    ['Dự toán kinh phí', 'du-toan'],
    // Years.
    ['Năm 2026', '2026'],
    ['nam 2026', '2026'],
    ['Cả năm 2026', '2026'],
    ['12 tháng năm 2026', '2026'],
    // Quarters.
    ['Quý III năm 2026', '2026-Q3'],
    ['Quy 3 nam 2026', '2026-Q3'],
    ['Quy 3 - 2026', '2026-Q3'],
    ['Q3-2026', '2026-Q3'],
    ['Quý 3/2026', '2026-Q3'],
    ['quý iv.2026', '2026-Q4'],
    ['Quí I năm 2026', '2026-Q1'],
    ['2026 - Quý II', '2026-Q2'],
    ['3 tháng đầu năm 2026', '2026-Q1'],
    ['Q1 2027', '2027-Q1'],
    // Halves.
    ['6 tháng đầu năm 2026', '2026-H1'],
    ['6 thang cuoi nam 2026', '2026-H2'],
    ['6 THÁNG CUỐI NĂM 2026', '2026-H2'],
    ['6 tháng năm 2026', '2026-H1'],
    ['2026 - 6 tháng đầu năm', '2026-H1'],
    ['H1-2026', '2026-H1'],
    // Nine months.
    ['9 thang 2026', '2026-9T'],
    ['9 tháng năm 2026', '2026-9T'],
    ['9T-2026', '2026-9T'],
    // Months.
    ['Tháng 7-2026', '2026-07'],
    ['Thang 07/2026', '2026-07'],
    ['tháng 12 năm 2026', '2026-12'],
    ['T7-2026', '2026-07'],
    ['07-2026', '2026-07'],
    ['07.2026', '2026-07'],
    // Leading words staff add, typographic dashes, non-breaking spaces, decomposed Unicode.
    ['Báo cáo quý III năm 2026', '2026-Q3'],
    ['Đợt 2026-Q3', '2026-Q3'],
    ['Quý III – 2026', '2026-Q3'],
    ['Quý\u00a0III\u00a0năm\u00a02026', '2026-Q3'],
    ['Quý III năm 2026'.normalize('NFD'), '2026-Q3'],
    // Refused: not a round, or a period that does not exist.
    ['dot-1', null],
    ['dot-bo-sung', null],
    ['2026-Q5', null],
    ['Quý V năm 2026', null],
    ['Tháng 13-2026', null],
    ['2026-00', null],
    ['2026-H3', null],
    ['abc', null],
    ['', null],
    ['   ', null],
    ['2026-2027', null],
    ['202607', null],
    ['Quý III', null],
    ['năm', null],
    ['26-Q3', null],
    ['Quý III năm 2026 (bản cũ)', null],
    ['2026#Q3', null],
    ['8 tháng 2026', null],
    ['3 tháng 2026', null],
    ['Đợt 1 năm 2026', null],
    ['Kỳ 2 - 2026', null],
    ['estimate', 'du-toan'],
    ['9 tháng đầu năm 2026', '2026-9T'],
  ])('%j → %s', (name, expected) => {
    expect(meaning(name)).toBe(expected);
  });

  it('names every period in words', () => {
    expect(readRoundName('Quý III năm 2026')?.label).toBe('quý III năm 2026');
    expect(readRoundName('2026-Q3')?.label).toBe('quý III năm 2026');
    expect(readRoundName('2026-H1')?.label).toBe('6 tháng đầu năm 2026');
    expect(readRoundName('6 thang cuoi nam 2026')?.label).toBe('6 tháng cuối năm 2026');
    expect(readRoundName('9 thang 2026')?.label).toBe('9 tháng năm 2026');
    expect(readRoundName('Thang 07/2026')?.label).toBe('tháng 7 năm 2026');
    expect(readRoundName('Năm 2026')?.label).toBe('năm 2026');
    expect(readRoundName('Dự toán')?.label).toBe('dự toán kinh phí');
  });

  it('reads back every label it writes (forms carry the label on their Thông tin sheet)', () => {
    const periods = [
      makePeriod('year', 2026),
      makePeriod('half', 2026, 1),
      makePeriod('half', 2026, 2),
      makePeriod('nine-months', 2026),
      ...[1, 2, 3, 4].map((q) => makePeriod('quarter', 2026, q)),
      ...Array.from({ length: 12 }, (_, m) => makePeriod('month', 2026, m + 1)),
    ];
    for (const p of periods) expect(readRoundName(p.label)?.period).toEqual(p);
    // The labels of forms made by earlier versions too.
    expect(meaning('quý III/2026')).toBe('2026-Q3');
    expect(meaning('tháng 07/2026')).toBe('2026-07');
  });

  it('every example shown to staff in the refusal message is understood', () => {
    const examples = ROUND_NAME_EXAMPLES.flatMap((line) => line.replace(/\s*\(.*\)$/, '').split(', '));
    expect(examples.length).toBeGreaterThan(15);
    for (const e of examples) expect(meaning(e), e).not.toBeNull();
  });

  it('parseRoundName stays lenient for the plan\'s "Kỳ" column: no period for a name it does not know', () => {
    expect(parseRoundName('dot-bo-sung')).toEqual({ kind: 'progress', period: null, label: 'đợt dot-bo-sung' });
    expect(parseRoundName('Quý III năm 2026').period).toEqual(makePeriod('quarter', 2026, 3));
  });

  it('understands every name the README table of round folder names shows, with the label it shows', () => {
    const rows = readFileSync('README.md', 'utf8')
      .split('\n')
      .filter((l) => /^\s*\| (Năm|Quý|6 tháng|9 tháng|Tháng|Dự toán) \|/.test(l));
    expect(rows.length).toBe(6);
    for (const row of rows) {
      const [, names = '', labels = ''] = row.split('|').map((c) => c.trim()).filter((_, i) => i > 0);
      const shown = labels.split(';').map((l) => l.trim());
      for (const name of [...names.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string)) {
        const r = readRoundName(name);
        expect(r, name).not.toBeNull();
        expect(shown, name).toContain(r?.label);
      }
    }
  });
});
