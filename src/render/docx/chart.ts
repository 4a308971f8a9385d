/**
 * A report chart as a native Word chart (docx's ChartRun: a chart part with its data in an
 * embedded workbook, so Word's "Edit Data" opens it in Excel — not a picture), followed by its
 * caption "Biểu đồ N. …". Every text of the chart is set in Times New Roman: without it Word and
 * LibreOffice use the theme's Calibri. Value labels use the number format "0.00", which Word and
 * LibreOffice show with the reader's decimal comma (7,02 on a Vietnamese system; `build --pdf`
 * converts with the vi-VN locale).
 */
import { AlignmentType, Document, LineRuleType, Paragraph } from 'docx';
import { ChartRun, type ChartFont, type ChartRunOptions } from 'docx/charts';
import type { ReportChart } from '../../model/document.js';
import { formatNumber } from '../../vn/index.js';
import { DOCUMENT_STYLES, FONT_NAME, run } from './common.js';
import { packDocx } from './fast-rows.js';

/** Width of a chart in pixels (96 per inch): 160 mm, inside the 165 mm text width. */
const WIDTH_PX = 605;
/** Height of a column chart; bar charts grow with their categories. */
const COLUMN_HEIGHT_PX = 320;
/** Height of one bar's row for each line of its label (10 pt), and the label's width in characters. */
const BAR_LINE_PX = 15;
const BAR_LABEL_CHARS = 42;
const BAR_MIN_PX = 180;
/** Never more than most of a page (257 mm of text height ≈ 970 px). */
const BAR_MAX_PX = 880;

const font = (size: number, extra: Omit<ChartFont, 'name' | 'size'> = {}): ChartFont => ({ name: FONT_NAME, size, color: '000000', ...extra });

/** The chart and its caption: two paragraphs kept together on one page. */
export function chartParagraphs(chart: ReportChart, number: number): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      keepLines: true,
      spacing: { before: 120, after: 60, line: 240, lineRule: LineRuleType.AUTO },
      children: [new ChartRun(chartOptions(chart, number))],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 160, line: 240, lineRule: LineRuleType.AUTO },
      children: [...run(`Biểu đồ ${number}. `, { size: 13, bold: true }), ...run(chart.caption, { size: 13, italic: true })],
    }),
  ];
}

/** Value axis bounds: from zero (or below, for a negative value), a little past the largest bar for its label. */
function valueRange(chart: ReportChart): { minimum: number; maximum?: number; interval?: number } {
  const values = chart.series.values.filter((v): v is number => v !== null);
  const low = Math.min(0, ...values);
  if (chart.axisMax === undefined) return { minimum: low < 0 ? Math.floor(low) : 0 };
  const top = Math.max(chart.axisMax, ...values) * 1.12;
  const step = top <= 150 ? 10 : top <= 400 ? 25 : 100;
  const minimum = low < 0 ? Math.floor(low / step) * step : 0;
  const maximum = Math.ceil(top / step) * step;
  // At most six labels along the axis, so they stay level and legible.
  const interval = [10, 20, 25, 50, 100, 200, 500, 1000].find((i) => (maximum - minimum) / i <= 6) ?? undefined;
  return { minimum, maximum, ...(interval !== undefined ? { interval } : {}) };
}

function chartOptions(chart: ReportChart, number: number): ChartRunOptions {
  const bar = chart.kind === 'bar';
  // Room for every label, wrapped: LibreOffice skips every other label when they overlap.
  const rows = chart.categories.reduce((sum, c) => sum + 8 + BAR_LINE_PX * Math.max(1, Math.ceil(c.length / BAR_LABEL_CHARS)), 0);
  const height = bar ? Math.min(BAR_MAX_PX, Math.max(BAR_MIN_PX, 90 + rows)) : COLUMN_HEIGHT_PX;
  const format = chart.decimals > 0 ? `0.${'0'.repeat(chart.decimals)}` : '0';
  const description = `${chart.caption}: ${chart.categories
    .map((c, i) => {
      const v = chart.series.values[i];
      return `${c} ${v === null || v === undefined ? 'không có số liệu' : formatNumber(v, chart.decimals)}`;
    })
    .join('; ')}.`;
  return {
    type: bar ? 'bar' : 'column',
    title: { text: chart.title, font: font(12, { bold: true }) },
    font: { name: FONT_NAME, color: '000000' },
    legend: false,
    categories: [...chart.categories],
    series: [
      {
        name: chart.series.name,
        // The library refuses a value that is not a finite number: such a bar is left empty.
        values: chart.series.values.map((v) => (v !== null && Number.isFinite(v) ? v : null)),
        color: '2F5597',
        ...(chart.colors ? { colors: [...chart.colors] } : {}),
      },
    ],
    dataLabels: { value: true, position: 'outsideEnd', numberFormat: format, font: font(10) },
    // A bar chart lists its first category at the top, as the text and the appendix do; its
    // value axis then crosses at the last category, at the bottom.
    categoryAxis: { font: font(bar ? 10 : 11), gridlines: false, ...(bar ? { reverseOrder: true } : {}) },
    valueAxis: { font: font(10), labelRotation: 0, numberFormat: chart.axisMax !== undefined ? '0' : '0.0', ...valueRange(chart), ...(bar ? { crossesAt: 'maximum' as const } : {}) },
    gapWidth: bar ? 60 : 120,
    transformation: { width: WIDTH_PX, height },
    altText: { name: `Biểu đồ ${number}`, title: chart.title, description },
  };
}

/** A document holding only `charts` (numbered from `first`), for a Word template's {{bieudo "…"}} place. */
export function renderChartsDocx(charts: readonly ReportChart[], first: number): Promise<Uint8Array> {
  const children = charts.flatMap((chart, i) => chartParagraphs(chart, first + i));
  return packDocx(new Document({ creator: 'baocao', styles: DOCUMENT_STYLES, sections: [{ children }] }));
}
