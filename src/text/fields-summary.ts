/**
 * `baocao templates fields`: every field and helper a report template can use, in Vietnamese,
 * grouped by the top-level field, each with its type and an example value.
 */
import type { FieldInfo } from '../render/index.js';

interface HelperDoc {
  readonly usage: string;
  readonly text: string;
  readonly example: string;
}

/** The listing, ready to print. */
export function formatTemplateFields(fields: readonly FieldInfo[], helpers: readonly HelperDoc[]): string[] {
  const lines: string[] = [
    'Các trường dùng được trong mẫu báo cáo (templates/bao-cao.docx, hoặc mau/bao-cao.docx của kế hoạch).',
    'Viết {{tên_trường}} vào mẫu; "[]" là một phần tử của danh sách, dùng bên trong {{#each danh_sách}}…{{/each}}',
    '(ví dụ {{#each fields}}{{title}}{{/each}}). Trường không có dữ liệu là lỗi, không bao giờ thành chỗ trống.',
    '',
  ];
  for (const f of fields) {
    const depth = f.path.split('.').length - 1;
    const example = f.example === '' ? '' : ` Ví dụ: ${f.example}`;
    if (depth === 0 && lines.at(-1) !== '') lines.push('');
    lines.push(`${'  '.repeat(depth)}${f.path} (${f.type}) — ${f.description}${/[.…?!)]$/.test(f.description) ? '' : '.'}${example}`);
  }
  lines.push('', 'Trợ giúp định dạng:');
  for (const h of helpers) lines.push(`  ${h.usage} — ${h.text}. Ví dụ: ${h.example}`);
  lines.push('', 'Khối: {{#each danh_sách}}…{{/each}}, {{#if trường}}…{{else}}…{{/if}}, {{#unless trường}}…{{/unless}};', 'bên trong {{#each}}: {{@index}} (đếm từ 0), {{@first}}, {{@last}}, {{../trường}} (trường bên ngoài), {{@root.trường}}.');
  return lines;
}
