/**
 * The report's charts as units: the % of path rule, the template helper that places them, the
 * Word chart part (fonts, values, workbook) and both ways of packing a report keeping the parts.
 */
import { Document } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ReportChart } from '../../src/model/document.js';
import type { IndicatorRow } from '../../src/model/report.js';
import { pctOfPath } from '../../src/render/charts.js';
import { chartParagraphs } from '../../src/render/docx/chart.js';
import { DOCUMENT_STYLES } from '../../src/render/docx/common.js';
import { packDocx } from '../../src/render/docx/fast-rows.js';
import { parseMarkup } from '../../src/render/markup.js';
import { renderTemplate, TemplateError } from '../../src/render/templates.js';

const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  reporting: null,
  notes: [],
  code: 'X',
  name: 'Chỉ tiêu',
  unit: '%',
  group: 'Nhóm',
  ownerName: 'Sở',
  kind: 'rate',
  direction: 'min',
  actual: null,
  ytd: null,
  ytdLabel: null,
  planYear: null,
  pctOfPlan: null,
  base: null,
  growth: null,
  changePoints: null,
  ytdGrowth: null,
  scenario: null,
  scenarioGap: null,
  sources: [],
  target: { year: 2030, value: 70 },
  pathValue: null,
  track: null,
  judged: null,
  ...over,
});

describe('a figure as % of its path (100 = on the path, more is better)', () => {
  it.each([
    ['a target to reach: figure ÷ path', { direction: 'min', judged: 58.5, pathValue: 52 }, 112.5],
    ['above: figure ÷ path', { direction: 'above', judged: 40, pathValue: 50 }, 80],
    ['a limit (at most): path ÷ figure', { direction: 'max', judged: 66, pathValue: 55 }, (55 / 66) * 100],
    ['below: path ÷ figure', { direction: 'below', judged: 5, pathValue: 10 }, 200],
    ['the cumulative figure when the target is over the whole plan', { direction: 'min', actual: 1059, judged: 1977, pathValue: 1200 }, (1977 / 1200) * 100],
    ['the year\'s figure when nothing is cumulated', { direction: 'min', actual: 30, judged: null, pathValue: 60 }, 50],
  ] as const)('%s', (_name, over, expected) => {
    expect(pctOfPath(row(over as Partial<IndicatorRow>))).toBeCloseTo(expected, 9);
  });

  it.each([
    ['no path value', { judged: 10, pathValue: null }],
    ['no figure', { judged: null, actual: null, pathValue: 10 }],
    ['no target', { judged: 10, pathValue: 10, target: null }],
    ['a path of zero to reach', { direction: 'min', judged: 10, pathValue: 0 }],
    ['a limit met with zero (no ratio)', { direction: 'max', judged: 0, pathValue: 10 }],
  ] as const)('is not computed with %s', (_name, over) => {
    expect(pctOfPath(row(over as Partial<IndicatorRow>))).toBeNull();
  });
});

describe('placing charts from the report template', () => {
  it('{{bieudo "…"}} on its own line becomes a chart block between the paragraphs', () => {
    const text = renderTemplate('t.hbs', 'Đoạn một.\n\n{{bieudo "tang-truong"}}\n\nĐoạn hai.', {});
    expect(parseMarkup(text)).toEqual([
      { type: 'paragraph', runs: [{ text: 'Đoạn một.' }] },
      { type: 'chart', key: 'tang-truong' },
      { type: 'paragraph', runs: [{ text: 'Đoạn hai.' }] },
    ]);
  });

  it('a chart name that does not exist is a template error naming the template and the names', () => {
    let error: unknown;
    try {
      renderTemplate('bao-cao.hbs', 'x\n{{bieudo "tang-truog"}}\n', {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).message).toContain('bao-cao.hbs');
    expect((error as Error).message).toContain('"tang-truong", "chi-tieu", "don-vi"');
  });

  it('text that merely looks like the marker inside a sentence stays text', () => {
    expect(parseMarkup('Xem [[bieu-do:tang-truong]] ở trên.')).toEqual([{ type: 'paragraph', runs: [{ text: 'Xem [[bieu-do:tang-truong]] ở trên.' }] }]);
  });
});

const chart: ReportChart = {
  kind: 'column',
  title: 'Đóng góp vào tăng trưởng GRDP 6 tháng đầu năm 2026',
  caption: 'Đóng góp của các khu vực kinh tế vào tốc độ tăng GRDP 6 tháng đầu năm 2026 (điểm phần trăm)',
  categories: ['Nông, lâm nghiệp và thủy sản', 'Công nghiệp và xây dựng', 'Dịch vụ', 'Thuế sản phẩm trừ trợ cấp sản phẩm'],
  series: { name: 'Đóng góp (điểm phần trăm)', values: [1.07, 1.75, 3.86, -0.34] },
  decimals: 2,
};

async function packed(libraryPacking: boolean): Promise<JSZip> {
  const doc = new Document({ styles: DOCUMENT_STYLES, sections: [{ children: chartParagraphs(chart, 1) }] });
  return JSZip.loadAsync(await packDocx(doc, { libraryPacking }));
}

describe('a native Word chart', () => {
  it('is a chart part with its values, in Times New Roman everywhere, with an embedded workbook holding the data', async () => {
    const zip = await packed(false);
    const xml = await zip.file('word/charts/chart1.xml')?.async('string');
    expect(xml).toBeDefined();
    const values = [...(/<c:val>.*?<\/c:val>/s.exec(xml ?? '')?.[0] ?? '').matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
    expect(values).toEqual([...chart.series.values]);
    // Every run of text names Times New Roman; no theme font (+mn-lt: Calibri) is left for the Latin script.
    const typefaces = [...(xml ?? '').matchAll(/<a:latin typeface="([^"]+)"/g)].map((m) => m[1]);
    expect(typefaces.length).toBeGreaterThan(3);
    expect(new Set(typefaces)).toEqual(new Set(['Times New Roman']));
    expect(xml).toContain('formatCode="0.00"');

    const rels = await zip.file('word/charts/_rels/chart1.xml.rels')?.async('string');
    const target = /Target="\.\.\/(embeddings\/[^"]+\.xlsx)"/.exec(rels ?? '')?.[1];
    expect(target).toBeDefined();
    const types = await zip.file('[Content_Types].xml')?.async('string');
    expect(types).toContain('PartName="/word/charts/chart1.xml"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await zip.file(`word/${target}`)?.async('nodebuffer')) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const sheet = chart.categories.map((_, i) => [ws?.getCell(i + 2, 1).value, ws?.getCell(i + 2, 2).value]);
    expect(sheet).toEqual(chart.categories.map((c, i) => [c, chart.series.values[i]]));

    const doc = await zip.file('word/document.xml')?.async('string');
    expect(doc).toContain('Biểu đồ 1. ');
    // Described for screen readers in Vietnamese, with the figures as the text says them.
    expect(doc).toContain('Dịch vụ 3,86; Thuế sản phẩm trừ trợ cấp sản phẩm -0,34');
  });

  it('gives the same parts on every build (the library names chart relationships at random)', async () => {
    const texts = async (zip: JSZip) => {
      const out: Record<string, string> = {};
      for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir && name !== 'docProps/core.xml') out[name] = await entry.async('base64');
      return out;
    };
    const first = await packed(false);
    expect(await texts(await packed(false))).toEqual(await texts(first));
    // The chart's workbook, a zip of its own, carries no time of making (its entries' DOS time and date are 0).
    const workbook = Object.keys(first.files).find((p) => p.startsWith('word/embeddings/')) ?? '';
    const bytes = (await first.file(workbook)?.async('nodebuffer')) ?? Buffer.alloc(0);
    const localHeaders = [...bytes.toString('latin1').matchAll(/PK\x03\x04/g)].map((m) => m.index ?? 0);
    expect(localHeaders.length).toBeGreaterThan(3);
    expect(localHeaders.map((at) => bytes.readUInt32LE(at + 10))).toEqual(localHeaders.map(() => 0));
    // The renamed ids still join the parts: the document's chart and the chart's workbook.
    const rels = (await first.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
    const id = /<c:chart [^>]*r:id="([^"]+)"/.exec((await first.file('word/document.xml')?.async('string')) ?? '')?.[1];
    expect(id).toMatch(/^rIdBaocao\d+$/);
    expect(rels).toContain(`Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart1.xml"`);
    const chartId = /<c:externalData r:id="([^"]+)"/.exec((await first.file('word/charts/chart1.xml')?.async('string')) ?? '')?.[1];
    expect((await first.file('word/charts/_rels/chart1.xml.rels')?.async('string')) ?? '').toContain(`Id="${chartId}"`);
  });

  it('keeps every part when packed with Node\'s zlib and with the library (the fallback)', async () => {
    const fast = await packed(false);
    const library = await packed(true);
    const parts = (zip: JSZip) => Object.keys(zip.files).filter((p) => !zip.files[p]?.dir).sort();
    expect(parts(fast)).toEqual(parts(library));
    expect(parts(fast)).toEqual(expect.arrayContaining(['word/charts/chart1.xml', 'word/charts/_rels/chart1.xml.rels']));
    expect(parts(fast).some((p) => /^word\/embeddings\/.+\.xlsx$/.test(p))).toBe(true);
  });
});
