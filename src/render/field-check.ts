/**
 * Checks a template's fields against the data's schema without any data (`baocao templates
 * check`), and lists the fields a template can use (`baocao templates fields`).
 *
 * The template is parsed by Handlebars; each `{{field}}`, each block (`#each`, `#if`, `#unless`,
 * `#with`) and each helper call is followed through the zod schema of model/report-fields.ts with
 * Handlebars' own scoping: inside `{{#each list}}` names are looked up in one element of the list
 * (`this`, `@index`, `@first`, `@last`, `../x` and `@root.x` work as in Handlebars; there is no
 * implicit lookup in outer scopes, exactly as strict Handlebars renders).
 */
import type * as z from 'zod';

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;
type Expression = hbs.AST.Expression;

/** The helpers templates can call, with what they do, in Vietnamese (listed by `templates fields`). */
export const TEMPLATE_HELPERS: readonly { readonly name: string; readonly usage: string; readonly text: string; readonly example: string }[] = [
  { name: 'so', usage: '{{so x}}', text: 'số kiểu Việt Nam, dấu chấm ngăn cách hàng nghìn', example: '5.810.810' },
  { name: 'tien', usage: '{{tien x}}', text: 'số tiền; 0 thành "-"', example: '5.810.810' },
  { name: 'phantram', usage: '{{phantram x}}', text: 'tỷ lệ phần trăm, dấu phẩy thập phân', example: '7,02' },
  { name: 'bangchu', usage: '{{bangchu x}}', text: 'số tiền bằng chữ', example: 'Năm triệu tám trăm mười nghìn đồng' },
  { name: 'lama', usage: '{{lama n}}', text: 'số La Mã', example: 'IV' },
  { name: 'cong1', usage: '{{cong1 n}}', text: 'n + 1 (đánh số tiếp theo)', example: '3' },
  { name: 'upper', usage: '{{upper x}}', text: 'viết hoa toàn bộ', example: 'QUÝ III NĂM 2026' },
  { name: 'join', usage: '{{join danh_sách "; "}}', text: 'nối các phần tử của một danh sách', example: 'a; b; c' },
  { name: 'eq', usage: '{{#if (eq a b)}}', text: 'đúng khi hai giá trị bằng nhau', example: 'true' },
  { name: 'bieudo', usage: '{{bieudo "tang-truong"}}', text: 'chỗ đặt biểu đồ ("tang-truong", "chi-tieu", "don-vi"), trên một dòng riêng', example: '(biểu đồ)' },
];

/** Block helpers Handlebars provides. */
const BLOCKS = new Set(['each', 'if', 'unless', 'with']);

/** A problem with one field or helper of a template, at its place in the template's text. */
export interface FieldProblem {
  /** 1-based line and 0-based column in the text Handlebars parsed. */
  readonly line: number;
  readonly column: number;
  /** The field or helper as written: "info.titel", "#each", "sooo". */
  readonly field: string;
  /** Vietnamese, says what to do. */
  readonly message: string;
}

/** What a name resolves to: a schema, or anything (unknown data, records). */
type Shape = z.ZodType | 'any';

interface Scope {
  readonly shape: Shape;
  /** Inside an #each: @index, @first, @last, @key exist. */
  readonly loop: boolean;
}

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional/nullable/default/readonly/pipe/lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (['optional', 'nullable', 'default', 'readonly', 'nonoptional', 'catch', 'prefault'].includes(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'lazy' && def.getter) s = def.getter();
    else break;
  }
  return s;
}

/** The schema of `name` inside `shape`, or null when it has no such field. */
function member(shape: Shape, name: string): Shape | null {
  if (shape === 'any') return 'any';
  const s = unwrap(shape);
  const def = defOf(s);
  switch (def.type) {
    case 'object':
      return def.shape && Object.hasOwn(def.shape, name) ? (def.shape[name] ?? null) : null;
    case 'array':
      if (name === 'length') return 'any';
      return /^\d+$/.test(name) && def.element ? def.element : null;
    case 'record':
      return def.valueType ?? 'any';
    case 'union': {
      for (const option of def.options ?? []) {
        const found = member(option, name);
        if (found !== null) return found;
      }
      return null;
    }
    case 'string':
      return name === 'length' ? 'any' : null;
    case 'unknown':
    case 'any':
      return 'any';
    default:
      return null;
  }
}

/** The element of a list (or record value) `shape`, or null when it is not a list. */
function elementOf(shape: Shape): Shape | null {
  if (shape === 'any') return 'any';
  const def = defOf(unwrap(shape));
  if (def.type === 'array') return def.element ?? 'any';
  if (def.type === 'record') return def.valueType ?? 'any';
  if (def.type === 'unknown' || def.type === 'any') return 'any';
  return null;
}

/** Names directly inside `shape` (for "did you mean"). */
function namesOf(shape: Shape): string[] {
  if (shape === 'any') return [];
  const def = defOf(unwrap(shape));
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Edit distance, for suggestions. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[y.length] ?? 0;
}

function suggestion(name: string, candidates: readonly string[]): string {
  const best = candidates
    .map((c) => ({ c, d: distance(name, c) }))
    .filter((x) => x.d <= (name.length >= 4 ? Math.max(2, Math.floor(name.length / 3)) : 1))
    .sort((p, q) => p.d - q.d)[0];
  return best ? ` Có phải là "${best.c}"?` : '';
}

const HINT = 'Xem danh sách trường bằng lệnh "baocao templates fields".';

/**
 * Every unknown field, unknown helper and misused block of a parsed template, in the order they
 * appear. `helpers` are the helper names templates may call.
 */
export function checkFields(
  program: Program,
  schema: z.ZodType,
  helpers: readonly string[] = TEMPLATE_HELPERS.map((h) => h.name),
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const helperSet = new Set(helpers);
  const at = (node: Node, field: string, message: string): void => {
    problems.push({ line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0, field, message });
  };

  /** The shape a path names in the scope stack, or null after reporting it. */
  const resolve = (path: hbs.AST.PathExpression, scopes: readonly Scope[]): Shape | null => {
    const parts = [...path.parts];
    let shape: Shape;
    if (path.data) {
      const head = parts.shift() ?? '';
      if (head === 'root') {
        shape = scopes[0]?.shape ?? 'any';
      } else if (['index', 'first', 'last', 'key'].includes(head)) {
        if (!scopes.some((s) => s.loop)) {
          at(path, path.original, `"@${head}" chỉ dùng được bên trong {{#each}}…{{/each}}.`);
          return null;
        }
        return 'any';
      } else {
        at(path, path.original, `"@${head}" không có trong dữ liệu; chỉ dùng được @index, @first, @last, @key, @root.`);
        return null;
      }
    } else {
      const scope = scopes[scopes.length - 1 - path.depth];
      if (scope === undefined) {
        at(path, path.original, `"${path.original}" đi ra ngoài quá số khối {{#each}}/{{#with}} đang mở. Bớt "../" trong tên trường.`);
        return null;
      }
      shape = scope.shape;
    }
    let walked = path.data ? '@root' : '';
    for (const part of parts) {
      const next = member(shape, part);
      if (next === null) {
        const where = walked === '' ? (scopes.length > 1 && path.depth === 0 && !path.data ? ' ở vị trí này (bên trong {{#each}}/{{#with}}, tên trường được tìm trong từng phần tử của danh sách; dùng "../" hoặc "@root." để lấy trường bên ngoài)' : '') : ` trong "${walked}"`;
        at(path, path.original, `Trường "${path.original}" không có trong dữ liệu${where}.${suggestion(part, namesOf(shape))} ${HINT}`);
        return null;
      }
      walked = walked === '' ? part : `${walked}.${part}`;
      shape = next;
    }
    return shape;
  };

  const expression = (node: Expression, scopes: readonly Scope[]): Shape | null => {
    switch (node.type) {
      case 'PathExpression':
        return resolve(node as hbs.AST.PathExpression, scopes);
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        call(sub, sub.path, sub.params, sub.hash, scopes, true);
        return 'any';
      }
      default:
        return 'any';
    }
  };

  const hashParams = (hash: hbs.AST.Hash | undefined, scopes: readonly Scope[]): void => {
    for (const pair of hash?.pairs ?? []) expression(pair.value, scopes);
  };

  /** A mustache or subexpression: a helper call when it has parameters or names a helper. */
  const call = (
    node: Node,
    path: hbs.AST.PathExpression | hbs.AST.Literal,
    params: readonly Expression[],
    hash: hbs.AST.Hash | undefined,
    scopes: readonly Scope[],
    mustBeHelper: boolean,
  ): void => {
    if (path.type !== 'PathExpression') return;
    const p = path as hbs.AST.PathExpression;
    const name = p.original;
    const isHelper = !p.data && p.depth === 0 && p.parts.length === 1 && helperSet.has(name);
    if (isHelper) {
      for (const param of params) expression(param, scopes);
      hashParams(hash, scopes);
      if (params.length === 0 && name !== 'bieudo') at(node, name, `Trợ giúp "${name}" cần một trường đi sau, ví dụ ${TEMPLATE_HELPERS.find((h) => h.name === name)?.usage ?? `{{${name} x}}`}.`);
      return;
    }
    if (mustBeHelper || params.length > 0 || (hash?.pairs.length ?? 0) > 0) {
      at(node, name, `"${name}" không phải một trợ giúp định dạng của baocao.${suggestion(name, [...helperSet])} Các trợ giúp: ${[...helperSet].join(', ')}.`);
      for (const param of params) expression(param, scopes);
      return;
    }
    resolve(p, scopes);
  };

  const walk = (program: Program | undefined, scopes: readonly Scope[]): void => {
    for (const statement of program?.body ?? []) {
      switch (statement.type) {
        case 'MustacheStatement': {
          const m = statement as hbs.AST.MustacheStatement;
          call(m, m.path, m.params, m.hash, scopes, false);
          break;
        }
        case 'BlockStatement': {
          const b = statement as hbs.AST.BlockStatement;
          const name = b.path.type === 'PathExpression' ? (b.path as hbs.AST.PathExpression).original : '';
          if (!BLOCKS.has(name)) {
            at(b, `#${name}`, `"{{#${name}}}" không phải một khối baocao hiểu: dùng {{#each danh_sách}}, {{#if trường}}, {{#unless trường}} hoặc {{#with trường}}.`);
            break;
          }
          const param = b.params[0];
          if (param === undefined || b.params.length > 1) {
            at(b, `#${name}`, `"{{#${name}}}" cần đúng một trường đi sau, ví dụ {{#${name} ${name === 'each' ? 'fields' : 'budget'}}}.`);
            walk(b.program, scopes);
            walk(b.inverse, scopes);
            break;
          }
          const shape = expression(param, scopes);
          if (name === 'each') {
            const element = shape === null ? 'any' : elementOf(shape);
            if (element === null) {
              const field = param.type === 'PathExpression' ? (param as hbs.AST.PathExpression).original : '';
              at(b, field, `"{{#each ${field}}}": trường "${field}" không phải một danh sách. Dùng {{#if ${field}}} nếu muốn kiểm tra nó có giá trị.`);
            }
            walk(b.program, [...scopes, { shape: element ?? 'any', loop: true }]);
            walk(b.inverse, scopes);
          } else if (name === 'with') {
            walk(b.program, [...scopes, { shape: shape ?? 'any', loop: false }]);
            walk(b.inverse, scopes);
          } else {
            walk(b.program, scopes);
            walk(b.inverse, scopes);
          }
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          at(statement, '>', 'Mẫu của baocao không dùng "{{> …}}" (mẫu con). Chép nội dung cần dùng vào thẳng mẫu.');
          break;
        case 'DecoratorBlock':
        case 'Decorator':
          at(statement, '*', 'Mẫu của baocao không dùng "{{* …}}". Xóa thẻ này.');
          break;
        default:
          break;
      }
    }
  };

  walk(program, [{ shape: schema, loop: false }]);
  return problems;
}

/** One field of the data, as `templates fields` lists it. */
export interface FieldInfo {
  /** "info.title", "fields[].tasks[].id" ("[]": one element of the list, inside {{#each}}). */
  readonly path: string;
  /** "văn bản", "số", "đúng/sai", "danh sách", "nhóm", "tùy" (+ ", có thể rỗng"). */
  readonly type: string;
  readonly description: string;
  /** An example value, as text; "" when none is given. */
  readonly example: string;
}

interface Meta {
  readonly description?: string;
  readonly example?: unknown;
  readonly opaque?: boolean;
}

function metaOf(schema: z.ZodType): Meta {
  const m = (schema as unknown as { meta?: () => Meta | undefined }).meta?.();
  return m ?? {};
}

function typeName(schema: z.ZodType): string {
  const def = defOf(unwrap(schema));
  const nullable = ['nullable', 'optional'].includes(defOf(schema).type) ? ', có thể rỗng' : '';
  const base =
    def.type === 'string' || def.type === 'enum' || def.type === 'literal'
      ? 'văn bản'
      : def.type === 'number'
        ? 'số'
        : def.type === 'boolean'
          ? 'đúng/sai'
          : def.type === 'array'
            ? 'danh sách'
            : def.type === 'object'
              ? 'nhóm'
              : 'tùy';
  return base + nullable;
}

function exampleText(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '(rỗng)';
  if (typeof value === 'boolean') return value ? 'đúng' : 'sai';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return typeof value === 'string' ? (value === '' ? '(rỗng)' : value) : JSON.stringify(value);
}

/** Every field of `schema`, depth first, as `templates fields` shows them. */
export function listFields(schema: z.ZodType): FieldInfo[] {
  const out: FieldInfo[] = [];
  const visit = (s: z.ZodType, path: string): void => {
    const inner = unwrap(s);
    const def = defOf(inner);
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        const meta = { ...metaOf(unwrap(child)), ...metaOf(child) };
        out.push({ path: childPath, type: typeName(child), description: meta.description ?? '', example: exampleText(meta.example) });
        if (!meta.opaque) visit(child, childPath);
      }
    } else if (def.type === 'array' && def.element) {
      visit(def.element, `${path}[]`);
    }
  };
  visit(schema, '');
  return out;
}
