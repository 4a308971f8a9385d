/**
 * The fields of the report template (issue 14): the schema matches the data of every shipped
 * round (strict objects: a field added to the view must be described), the static check finds
 * unknown fields, helpers and misused blocks without any data, and the listing is complete.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, isBuilt } from '../../src/engine/index.js';
import { reportFields } from '../../src/model/report-fields.js';
import { checkFields, listFields, TEMPLATE_HELPERS } from '../../src/render/field-check.js';
import { reportView } from '../../src/render/report.js';

const INPUT = join(import.meta.dirname, '..', '..', 'input');
const tmp: string[] = [];
afterAll(async () => {
  for (const dir of tmp) await rm(dir, { recursive: true, force: true });
});

async function shippedRounds(): Promise<{ planDir: string; roundDir: string }[]> {
  const out: { planDir: string; roundDir: string }[] = [];
  for (const plan of await readdir(INPUT, { withFileTypes: true })) {
    if (!plan.isDirectory()) continue;
    const planDir = join(INPUT, plan.name);
    for (const round of await readdir(planDir, { withFileTypes: true })) {
      if (round.isDirectory() && round.name !== 'mau' && !round.name.startsWith('.')) out.push({ planDir, roundDir: join(planDir, round.name) });
    }
  }
  return out;
}

const problemsOf = (text: string) => checkFields(Handlebars.parse(text), reportFields).map((p) => p.message);

describe('reportFields describes the data the report template gets', () => {
  it('parses the view of every shipped round (no field missing from the schema, none extra)', async () => {
    const rounds = await shippedRounds();
    expect(rounds.length).toBeGreaterThanOrEqual(5);
    const engine = createEngine();
    for (const { planDir, roundDir } of rounds) {
      const out = await mkdtemp(join(tmpdir(), 'baocao-fields-'));
      tmp.push(out);
      const r = await engine.check(planDir, roundDir, out, { today: '2026-10-20' });
      if (!isBuilt(r)) throw new Error(`plan not usable: ${planDir}`);
      const view = reportView(r.model, []);
      const parsed = reportFields.safeParse(view);
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${roundDir}: ${i.path.join('.')}: ${i.message}`)).toEqual([]);
    }
  }, 120_000);

});

describe('checkFields: problems found without data', () => {
  it.each([
    ['a known field', '{{period}}', []],
    ['a nested field', '{{info.title}} {{grdp.required.valueText}}', []],
    ['fields of one element inside #each', '{{#each fields}}{{number}}. {{title}}{{#each tasks}}{{id}} {{@index}}{{/each}}{{/each}}', []],
    ['../ and @root reach outside', '{{#each fields}}{{../period}} {{@root.info.title}}{{/each}}', []],
    ['this in a list of texts', '{{#each gaps}}- {{this}}{{/each}}', []],
    ['length of a list', '{{#if missing.length}}{{missing.length}}{{/if}}', []],
    ['helpers with fields', '{{so taskCount}} {{join progressParts "; "}} {{#if (eq round.kind "progress")}}x{{/if}} {{bieudo "tang-truong"}}', []],
    ['a mistyped field, with a suggestion', '{{info.titel}}', ['Trường "info.titel" không có trong dữ liệu trong "info". Có phải là "title"?']],
    ['an unknown top-level field', '{{tenKeHoach}}', ['Trường "tenKeHoach" không có trong dữ liệu.']],
    ['an outer field inside #each without ../', '{{#each fields}}{{period}}{{/each}}', ['Trường "period" không có trong dữ liệu ở vị trí này']],
    ['a field of the wrong element', '{{#each fields}}{{#each tasks}}{{sentence}}{{/each}}{{/each}}', ['Trường "sentence" không có trong dữ liệu']],
    ['#each over something that is not a list', '{{#each period}}x{{/each}}', ['trường "period" không phải một danh sách']],
    ['@index outside a loop', '{{@index}}', ['"@index" chỉ dùng được bên trong {{#each}}']],
    ['an unknown helper', '{{sooo taskCount}}', ['"sooo" không phải một trợ giúp định dạng của baocao. Có phải là "so"?']],
    ['a helper without its field', '{{tien}}', ['Trợ giúp "tien" cần một trường đi sau']],
    ['an unknown block', '{{#moi fields}}x{{/moi}}', ['"{{#moi}}" không phải một khối baocao hiểu']],
    ['a partial', '{{> dau_trang}}', ['không dùng "{{> …}}"']],
    ['every problem at once, in order', '{{a}} {{#each fields}}{{b}}{{/each}} {{c.d}}', ['"a"', '"b"', '"c.d"']],
  ])('%s', (_name, text, expected) => {
    const got = problemsOf(text);
    expect(got).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(got[i]).toContain(e));
  });

  it('gives the line and column of each problem', () => {
    const [p] = checkFields(Handlebars.parse('Dòng một\nDòng hai {{khong_co}}'), reportFields);
    expect(p).toMatchObject({ line: 2, column: 11, field: 'khong_co' });
  });
});

describe('listFields', () => {
  const fields = listFields(reportFields);
  it('lists nested fields with [] for list elements, each with a Vietnamese description', () => {
    const paths = fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['period', 'info.title', 'info.signer.name', 'fields', 'fields[].tasks[].id', 'grdp.components[].name', 'budget.rate']));
    expect(fields.filter((f) => f.description === '').map((f) => f.path)).toEqual([]);
  });
  it('gives types and examples', () => {
    expect(fields.find((f) => f.path === 'taskCount')).toMatchObject({ type: 'số', example: '40' });
    expect(fields.find((f) => f.path === 'budget')).toMatchObject({ type: 'nhóm, có thể rỗng' });
    expect(fields.find((f) => f.path === 'fields')).toMatchObject({ type: 'danh sách' });
    expect(fields.find((f) => f.path === 'period')?.example).toBe('quý III năm 2026');
  });
  it('lists the whole plan as one advanced field', () => {
    expect(fields.some((f) => f.path === 'plan')).toBe(true);
    expect(fields.some((f) => f.path.startsWith('plan.'))).toBe(false);
  });
  it('documents every helper with an example', () => {
    expect(TEMPLATE_HELPERS.map((h) => h.name)).toEqual(expect.arrayContaining(['so', 'tien', 'phantram', 'bangchu', 'lama', 'cong1', 'upper', 'join', 'eq', 'bieudo']));
  });
});
