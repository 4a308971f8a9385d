import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/model/document.js';
import { parseMarkup } from '../../src/render/markup.js';

const p = (...runs: Inline[]): Block => ({ type: 'paragraph', runs });

describe('parseMarkup', () => {
  const cases: [name: string, input: string, expected: Block[]][] = [
    ['heading level 1', '# I. KẾT QUẢ THỰC HIỆN', [{ type: 'heading', level: 1, runs: [{ text: 'I. KẾT QUẢ THỰC HIỆN' }] }]],
    ['heading level 2', '## 1. Hợp tác trao đổi đoàn', [{ type: 'heading', level: 2, runs: [{ text: '1. Hợp tác trao đổi đoàn' }] }]],
    ['heading level 3', '### a) Đoàn ra', [{ type: 'heading', level: 3, runs: [{ text: 'a) Đoàn ra' }] }]],
    ['deeper headings count as level 3', '#### 1.1. Chi tiết', [{ type: 'heading', level: 3, runs: [{ text: '1.1. Chi tiết' }] }]],
    ['bullet without its dash', '- Đoàn ra;', [{ type: 'bullet', runs: [{ text: 'Đoàn ra;' }] }]],
    ['centred line', '>> (Có phụ lục kèm theo)', [{ type: 'center', runs: [{ text: '(Có phụ lục kèm theo)' }] }]],
    ['plain lines join with one space', 'Năm 2025,\nSở Ngoại vụ   \n  chủ trì.', [p({ text: 'Năm 2025, Sở Ngoại vụ chủ trì.' })]],
    ['blank line separates paragraphs', 'Một.\n\n\nHai.', [p({ text: 'Một.' }), p({ text: 'Hai.' })]],
    ['whitespace-only line is blank', 'Một.\n   \t\nHai.', [p({ text: 'Một.' }), p({ text: 'Hai.' })]],
    ['CRLF and BOM', '\uFEFF# A\r\nB\r\n\r\nC', [
      { type: 'heading', level: 1, runs: [{ text: 'A' }] },
      p({ text: 'B' }),
      p({ text: 'C' }),
    ]],
    ['heading ends the paragraph before it and is one line', 'Trước\n# II. KHÓ KHĂN\nSau', [
      p({ text: 'Trước' }),
      { type: 'heading', level: 1, runs: [{ text: 'II. KHÓ KHĂN' }] },
      p({ text: 'Sau' }),
    ]],
    ['a wrapped bullet continues on the next plain line', '- Đoàn ra của Lãnh đạo\n  tỉnh năm 2025;\n- Đoàn vào.', [
      { type: 'bullet', runs: [{ text: 'Đoàn ra của Lãnh đạo tỉnh năm 2025;' }] },
      { type: 'bullet', runs: [{ text: 'Đoàn vào.' }] },
    ]],
    ['bold', 'đạt **100%** kế hoạch', [p({ text: 'đạt ' }, { text: '100%', bold: true }, { text: ' kế hoạch' })]],
    ['italic', '(*có Phụ lục kèm theo*)', [p({ text: '(' }, { text: 'có Phụ lục kèm theo', italic: true }, { text: ')' })]],
    ['bold italic', '***Lưu ý:*** gửi trước', [p({ text: 'Lưu ý:', bold: true, italic: true }, { text: ' gửi trước' })]],
    ['nested italic in bold', '**đạt *100%* kế hoạch**', [
      p({ text: 'đạt ', bold: true }, { text: '100%', bold: true, italic: true }, { text: ' kế hoạch', bold: true }),
    ]],
    ['inline markup in headings', '## 2. Kinh phí (*triệu đồng*)', [
      { type: 'heading', level: 2, runs: [{ text: '2. Kinh phí (' }, { text: 'triệu đồng', italic: true }, { text: ')' }] },
    ]],
    ['escaped asterisk', 'Ghi chú \\*: số liệu ước', [p({ text: 'Ghi chú *: số liệu ước' })]],
    ['escaped asterisks do not open emphasis', '\\*không nghiêng\\*', [p({ text: '*không nghiêng*' })]],
    ['escaped backslash', 'a \\\\ b', [p({ text: 'a \\ b' })]],
    ['spaced asterisks stay literal', '5 * 3 * 2', [p({ text: '5 * 3 * 2' })]],
    ['unmatched marker stays literal', 'giá **cao hơn', [p({ text: 'giá **cao hơn' })]],
    ['ampersand and quotes come out exactly', 'Sở Văn hóa, Thể thao & Du lịch "VHTTDL" <b>', [
      p({ text: 'Sở Văn hóa, Thể thao & Du lịch "VHTTDL" <b>' }),
    ]],
    ['HTML entities are not decoded', 'A &amp; B', [p({ text: 'A &amp; B' })]],
    ['markers need their space', '#1 trong năm\n-5% so với cùng kỳ', [p({ text: '#1 trong năm -5% so với cùng kỳ' })]],
    ['empty markers produce nothing', '#\n- \n>>', []],
    ['empty input', '', []],
    ['the closing ./. stays in the text', 'giải quyết theo quy định./.', [p({ text: 'giải quyết theo quy định./.' })]],
    ['decomposed Vietnamese is normalised to NFC', 'Vie\u0302\u0323t Nam', [p({ text: 'Việt Nam' })]],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(parseMarkup(input)).toEqual(expected);
  });

  it('parses a whole report template output', () => {
    const blocks = parseMarkup(
      ['# I. KẾT QUẢ', '', '## 1. Đoàn ra', 'Tổ chức **02** đoàn.', '', '- Đoàn 1;', '- Đoàn 2.', '', '>> ./.'].join('\n'),
    );
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'heading', 'paragraph', 'bullet', 'bullet', 'center']);
  });
});
