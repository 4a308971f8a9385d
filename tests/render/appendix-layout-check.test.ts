/**
 * Problems of an appendix layout staff edited (issue 14): each named with its file, sheet and
 * cell, in Vietnamese, saying what to do; all of them at once. Fixtures: the shipped layout,
 * changed with exceljs in the test.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkAppendixLayout } from '../../src/render/index.js';
import { formatLayoutProblem } from '../../src/render/xlsx/layout.js';

const NAME = 'templates/phu-luc-kinh-phi.xlsx';

/** The shipped kinh-phi layout (1 label, 2 title, 3 subtitle, 4 unit line, 5 header, 6 group, 7 item, 8 total; markers in G), changed by `edit`. */
async function edited(edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, file = 'phu-luc-kinh-phi.xlsx'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(resolve('templates', file))) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  edit(ws, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('checkAppendixLayout', () => {
  it('finds nothing in the shipped layouts, nor in one saved again by exceljs', async () => {
    for (const kind of ['du-toan', 'nhiem-vu', 'kinh-phi', 'chi-tieu']) {
      const name = `templates/phu-luc-${kind}.xlsx`;
      expect(await checkAppendixLayout(name, await readFile(resolve(name)))).toEqual([]);
      expect(await checkAppendixLayout(name, await edited(() => undefined, `phu-luc-${kind}.xlsx`))).toEqual([]);
    }
  });

  it('names an unknown field, a missing model row and an unknown column with their cells, all at once', async () => {
    const bytes = await edited((ws) => {
      ws.getCell('A2').value = 'TÌNH HÌNH THỰC HIỆN NĂM {{nam_bao_cao}}';
      ws.getCell('C7').value = '{{so_tien}}';
      ws.getCell('G8').value = null;
    });
    const problems = await checkAppendixLayout(NAME, bytes);
    const lines = problems.map(formatLayoutProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^templates\/phu-luc-kinh-phi\.xlsx, trang "Kinh phí", ô A2: Trường "nam_bao_cao" không có trong dữ liệu/),
        expect.stringMatching(/^templates\/phu-luc-kinh-phi\.xlsx, trang "Kinh phí", ô C7: không có cột "\{\{so_tien\}\}" trong bảng này\..*Các cột của bảng này: \{\{stt\}\}, \{\{noi_dung\}\}, \{\{du_toan\}\}/),
        expect.stringMatching(/^templates\/phu-luc-kinh-phi\.xlsx, trang "Kinh phí", ô A8: thiếu dòng mẫu "\[dòng tổng\]".*Chèn một dòng/),
      ]),
    );
    expect(lines, lines.join("\n")).toHaveLength(3);
  });

  it.each<[string, (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, RegExp]>([
    ['no rows to repeat at top', (ws) => void delete (ws.pageSetup as { printTitlesRow?: string }).printTitlesRow, /ô A5: chưa đặt dòng tiêu đề cột in lặp lại.*In Tiêu đề/],
    ['rows to repeat that are not right above the model rows', (ws) => void (ws.pageSetup.printTitlesRow = '4:4'), /ô A4: dòng tiêu đề cột in lặp lại \(4:4\) phải là các dòng ngay trên các dòng mẫu/],
    ['a merge in a model row', (ws) => ws.mergeCells('B7:C7'), /ô B7: không gộp ô ở dòng mẫu \(B7:C7\)/],
    ['a misspelt marker', (ws) => void (ws.getCell('G8').value = '[dòng tổng cộng]'), /ô G8: không hiểu dấu "\[dòng tổng cộng\]"/],
    ['a column named twice', (ws) => void (ws.getCell('D7').value = '{{du_toan}}'), /ô D7: cột \{\{du_toan\}\} đã có ở ô C7/],
    ['another column named in the total row', (ws) => void (ws.getCell('C8').value = '{{da_thuc_hien}}'), /ô C8: ô này ở cột \{\{du_toan\}\}.*nhưng ghi \{\{da_thuc_hien\}\}/],
    ['a title row with two texts', (ws) => {
      ws.unMergeCells('A2:F2');
      ws.getCell('F2').value = 'Biểu 01';
    }, /ô F2: một dòng phía trên bảng chỉ có một ô chữ/],
    ['a text right of the table', (ws) => void (ws.getCell('H3').value = 'nháp'), /ô H3: ô nằm bên phải bảng \(bảng hết ở cột F\)/],
    ['a block left open', (ws) => void (ws.getCell('A3').value = '{{#if year}}Năm {{year}}'), /ô A3: thẻ viết sai cú pháp/],
    ['a field of another sheet', (ws) => void (ws.getCell('A2').value = 'SỐ LIỆU CỦA {{group}}'), /ô A2: Trường "group" không có trong dữ liệu/],
  ])('%s', async (_name, edit, expected) => {
    const problems = (await checkAppendixLayout(NAME, await edited(edit))).map(formatLayoutProblem);
    if (expected.source === '^$') expect(problems).toEqual([]);
    else expect(problems.join('\n')).toMatch(expected);
  });

  it('names a total row in a table that has none (nhiem-vu)', async () => {
    const bytes = await edited((ws) => {
      ws.getCell('A7').value = '{{stt}}';
      ws.getCell('G7').value = '[dòng tổng]';
    }, 'phu-luc-nhiem-vu.xlsx');
    expect((await checkAppendixLayout('templates/phu-luc-nhiem-vu.xlsx', bytes)).map(formatLayoutProblem).join('\n')).toMatch(
      /phu-luc-nhiem-vu\.xlsx, trang "Nhiệm vụ", ô G7: bảng này không có dòng tổng cộng: xóa dòng mẫu "\[dòng tổng\]"/,
    );
  });

  it('names a layout missing the sheet of a table', async () => {
    const bytes = await edited((_ws, wb) => {
      const detail = wb.getWorksheet('Kết quả chi tiết');
      if (detail) wb.removeWorksheet(detail.id);
    }, 'phu-luc-nhiem-vu.xlsx');
    expect((await checkAppendixLayout('templates/phu-luc-nhiem-vu.xlsx', bytes)).map(formatLayoutProblem)).toEqual([
      expect.stringMatching(/^templates\/phu-luc-nhiem-vu\.xlsx: thiếu trang tính cho "Kết quả chi tiết"/),
    ]);
  });

  it.each([
    ['random bytes', new TextEncoder().encode('không phải tệp Excel')],
    ['an empty file', new Uint8Array(0)],
    ['a cut-off file', null],
  ])('names %s as not an .xlsx, never a crash', async (_name, given) => {
    const full = await readFile(resolve('templates', 'phu-luc-kinh-phi.xlsx'));
    const bytes = given ?? new Uint8Array(full.subarray(0, Math.floor(full.length / 2)));
    expect((await checkAppendixLayout('kh/mau/phu-luc-kinh-phi.xlsx', bytes)).map(formatLayoutProblem)).toEqual([
      expect.stringMatching(/^kh\/mau\/phu-luc-kinh-phi\.xlsx: tệp không phải bảng tính Excel \.xlsx \(hoặc bị hỏng\)/),
    ]);
  });
});
