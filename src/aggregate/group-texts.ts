/**
 * The same words from many agencies, said once with who said them: identical texts (after NFC,
 * spacing, case and trailing punctuation are set aside) are grouped, and the group names its
 * members when they are few (≤ 3) or counts them against their group when many ("13/65 xã,
 * phường"). Used for difficulties and proposals, and for the results the members of a group
 * (every commune) report on a task they all lead.
 */
import type { Agency } from '../model/plan.js';
import type { NoteGroup } from '../model/report.js';
import { formatNumber } from '../vn/numbers.js';
import { memberNoun, textKey } from '../vn/same-text.js';

/** Members named one by one up to this many; more are counted. */
export const NAME_AT_MOST = 3;

/** A text as shown once for the group: spacing collapsed, no trailing ";" or ",", one line. */
function display(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s*\n\s*/gu, '; ')
    .replace(/[ \t\u00A0]+/gu, ' ')
    .trim()
    .replace(/^[-–+•]\s*/u, '')
    .replace(/[\s;,:]+$/u, '');
}

/**
 * Who said it: the names (joined by "; ") when at most three; otherwise "13/65 xã, phường" when
 * every one belongs to the same group of the plan, else "5 cơ quan, đơn vị".
 */
export function whoSaid(members: readonly { readonly code: string; readonly name: string }[], agencies: readonly Agency[]): string {
  const unique = members.filter((m, i) => members.findIndex((x) => x.code === m.code) === i);
  if (unique.length <= NAME_AT_MOST) return unique.map((m) => m.name).join('; ');
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const groups = new Set(unique.map((m) => byCode.get(m.code)?.group ?? null));
  const [group] = [...groups];
  if (groups.size === 1 && group) {
    const size = agencies.filter((a) => a.group === group).length;
    return `${unique.length}/${size} ${memberNoun(group)}`;
  }
  return `${unique.length} cơ quan, đơn vị`;
}

/** One agency's text on one task. */
export interface SaidText {
  readonly agencyCode: string;
  readonly agencyName: string;
  readonly taskId: string;
  readonly text: string;
}

/** Groups identical texts (see {@link textKey}) in order of first appearance; empty texts are dropped. */
export function groupTexts(items: readonly SaidText[], agencies: readonly Agency[]): NoteGroup[] {
  const groups = new Map<string, { text: string; taskIds: string[]; members: { code: string; name: string }[] }>();
  for (const it of items) {
    const key = textKey(it.text);
    if (!key) continue;
    let g = groups.get(key);
    if (!g) {
      g = { text: display(it.text), taskIds: [], members: [] };
      groups.set(key, g);
    }
    if (!g.taskIds.includes(it.taskId)) g.taskIds.push(it.taskId);
    if (!g.members.some((m) => m.code === it.agencyCode)) g.members.push({ code: it.agencyCode, name: it.agencyName });
  }
  return [...groups.values()].map((g) => ({
    text: g.text,
    taskIds: g.taskIds,
    agencies: g.members,
    who: whoSaid(g.members, agencies),
    summed: false,
  }));
}

/** The clauses of a result: split at ";", line breaks and sentence ends. */
export function clauses(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/;|\n|(?<=[.!?])\s+(?=\p{Lu})/u)
    .map((c) => c.trim())
    .filter((c) => textKey(c) !== '');
}

/** A number as written in Vietnamese text: 1.250, 3,2, 12. */
const NUMBER = /(?<![\p{L}\d.,])\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|(?<![\p{L}\d.,])\d+(?:,\d+)?(?![\d.]*\d)/gu;
/** Words before a number that make it a date, an ordinal or an identifier, never a count to add up. */
const NOT_A_COUNT_BEFORE = /(?:ngày|tháng|năm|quý|số|lần thứ|thứ|giai đoạn|mốc|khóa|khoá|kỳ|đợt|mã|điều|khoản|nghị định|quyết định|\/|-|–)\s*$/iu;
/** Units after a number that make it a share, a range, a date or a duration (6 tháng + 12 tháng is no total). */
const NOT_A_COUNT_AFTER = /^\s*(?:%|\/|-|–|h\b|giờ|phút|ngày|tuần|tháng|năm|quý)/iu;

function parseVn(token: string): number {
  return Number(token.replace(/\./g, '').replace(',', '.'));
}

function decimalsOf(token: string): number {
  return token.includes(',') ? (token.split(',')[1]?.length ?? 0) : 0;
}

/**
 * Words that name the kind of member inside a result ("trên địa bàn xã" / "… phường"): a commune
 * and a ward writing the same sentence about their own area said the same thing (as the task
 * appendix counts them, render/task-results.ts).
 */
const PLACE_WORD = /(?<!\p{L})(xã|phường|thị trấn|huyện|quận|thị xã|thành phố)(?!\p{L})/giu;

/** A clause with its numbers and place words taken out: the template key, the numbers and the place words in order. */
function template(clause: string): { key: string; numbers: { token: string; countable: boolean }[]; places: string[] } {
  const numbers: { token: string; countable: boolean }[] = [];
  const places = [...clause.matchAll(PLACE_WORD)].map((m) => m[0].toLocaleLowerCase('vi'));
  const masked = clause
    .replace(NUMBER, (token, offset: number) => {
      const before = clause.slice(0, offset);
      const after = clause.slice(offset + token.length);
      numbers.push({ token, countable: !NOT_A_COUNT_BEFORE.test(before) && !NOT_A_COUNT_AFTER.test(after) });
      return '\u0001';
    })
    .replace(PLACE_WORD, '\u0002');
  return { key: textKey(masked), numbers, places };
}

/** The place words several members used at each position, joined in the order of the group's noun: "xã, phường". */
function mergePlaces(text: string, perPosition: readonly string[][], noun: string): string {
  let k = 0;
  const at = (w: string) => (noun.includes(w) ? noun.indexOf(w) : Infinity);
  return text.replace(PLACE_WORD, (w) => {
    const list = perPosition[k++] ?? [w];
    return list.length > 1 ? [...list].sort((a, b) => at(a) - at(b)).join(', ') : w;
  });
}

/**
 * What several members of a group wrote on the same task, said once, most members first:
 * - a clause written word for word by several ("Ban hành Kế hoạch triển khai trên địa bàn xã"),
 *   a commune's "xã" and a ward's "phường" counting as the same word ("… trên địa bàn xã, phường"
 *   — 65/65 xã, phường);
 * - a clause written with the same words and different counts ("Tổ chức 2 lớp tập huấn cho 44
 *   lượt") said once with the counts added up (`summed`), when every number that differs is a
 *   count (not a date, a year, an ordinal or a percentage).
 * Clauses only one member wrote are left to the appendix.
 */
export function sharedClauses(results: readonly SaidText[], agencies: readonly Agency[], atLeast = 2): NoteGroup[] {
  interface Slot {
    first: string;
    members: { code: string; name: string }[];
    taskIds: string[];
    rows: { token: string; countable: boolean }[][];
    places: string[][];
    order: number;
  }
  const slots = new Map<string, Slot>();
  for (const r of results) {
    for (const clause of clauses(r.text)) {
      const t = template(clause);
      if (!t.key) continue;
      let slot = slots.get(t.key);
      if (!slot) {
        slot = { first: display(clause), members: [], taskIds: [], rows: [], places: [], order: slots.size };
        slots.set(t.key, slot);
      }
      t.places.forEach((w, i) => {
        const list = (slot.places[i] ??= []);
        if (!list.includes(w)) list.push(w);
      });
      if (!slot.members.some((m) => m.code === r.agencyCode)) slot.members.push({ code: r.agencyCode, name: r.agencyName });
      if (!slot.taskIds.includes(r.taskId)) slot.taskIds.push(r.taskId);
      slot.rows.push(t.numbers);
    }
  }
  const out: { group: NoteGroup; order: number }[] = [];
  for (const slot of slots.values()) {
    if (slot.members.length < atLeast) continue;
    const width = slot.rows[0]?.length ?? 0;
    let summed = false;
    let ok = true;
    const filled: string[] = [];
    for (let i = 0; i < width; i++) {
      const tokens = slot.rows.map((row) => row[i]);
      const values = tokens.map((x) => (x ? parseVn(x.token) : NaN));
      if (values.every((v) => v === values[0])) {
        filled.push(tokens[0]?.token ?? '');
        continue;
      }
      if (!tokens.every((x) => x?.countable) || values.some((v) => !Number.isFinite(v) || v < 0)) {
        ok = false;
        break;
      }
      summed = true;
      const decimals = Math.max(...tokens.map((x) => decimalsOf(x?.token ?? '')));
      filled.push(formatNumber(values.reduce((a, v) => a + v, 0), decimals));
    }
    if (!ok) continue;
    let k = 0;
    const counted = summed ? slot.first.replace(NUMBER, () => filled[k++] ?? '') : slot.first;
    const groups = new Set(slot.members.map((m) => agencies.find((a) => a.code === m.code)?.group ?? ''));
    const noun = groups.size === 1 ? memberNoun([...groups][0] ?? '') : '';
    const text = mergePlaces(counted, slot.places, noun);
    out.push({ group: { text, taskIds: slot.taskIds, agencies: slot.members, who: whoSaid(slot.members, agencies), summed }, order: slot.order });
  }
  return out.sort((a, b) => b.group.agencies.length - a.group.agencies.length || a.order - b.order).map((x) => x.group);
}
