/**
 * A long list of members' results of one task (65 communes) said in a few lines for the task's
 * appendix cell: how many reported, their statuses, and what many of them said alike — the full
 * list goes to the detail table (render/tables.ts).
 */
import type { AgencyResult } from '../model/report.js';
import { TASK_STATUSES } from '../model/sheets.js';

/** "UBND các xã, phường" → "xã, phường"; no group → "cơ quan, đơn vị". */
export function detailNoun(group: string | null): string {
  if (group === null || group.trim() === '') return 'cơ quan, đơn vị';
  const noun = group
    .trim()
    .replace(/^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu, '')
    .replace(/^các\s+/iu, '');
  return noun === '' ? 'cơ quan, đơn vị' : noun.charAt(0).toLocaleLowerCase('vi') + noun.slice(1);
}

/** Words that name the kind of member inside a result ("trên địa bàn xã" / "… phường"): one result said by both. */
const PLACE_WORD = /(?<!\p{L})(xã|phường|thị trấn|huyện|quận|thị xã|thành phố)(?!\p{L})/giu;

/** A clause's key: lower case, spaces collapsed, place words made one. */
function clauseKey(clause: string): string {
  // The same clauses recur build after build (a warm rebuild summarises every task again): remembered.
  let key = clauseKeys.get(clause);
  if (key === undefined) {
    key = clause.toLocaleLowerCase('vi').replace(PLACE_WORD, '§').replace(/\s+/g, ' ').trim();
    if (clauseKeys.size >= CLAUSE_KEYS_MAX) clauseKeys.clear();
    clauseKeys.set(clause, key);
  }
  return key;
}

const CLAUSE_KEYS_MAX = 50_000;
const clauseKeys = new Map<string, string>();

/** The clauses of a result: split at ";" and at sentence ends. */
function clausesOf(text: string): string[] {
  return text
    .split(/;|\.(?=\s|$)|\n/u)
    .map((c) => c.trim().replace(/\s+/g, ' '))
    .filter((c) => c.length >= 8);
}

/** The clause as several members said it: the place words of each position joined in the noun's order ("xã, phường"). */
function mergedClause(variants: readonly string[], noun: string): string {
  const first = variants[0] ?? '';
  const perPosition: string[][] = [];
  for (const v of variants) {
    let k = 0;
    for (const m of v.matchAll(PLACE_WORD)) {
      const list = (perPosition[k] ??= []);
      const word = m[0].toLocaleLowerCase('vi');
      if (!list.includes(word)) list.push(word);
      k++;
    }
  }
  let k = 0;
  const merged = first.replace(PLACE_WORD, (w) => {
    const list = perPosition[k++] ?? [w];
    const at = (x: string) => (noun.includes(x) ? noun.indexOf(x) : Infinity);
    return list.length > 1 ? [...list].sort((a, b) => at(a) - at(b)).join(', ') : w;
  });
  return merged.charAt(0).toLocaleUpperCase('vi') + merged.slice(1);
}

/**
 * The summary lines of many members' results: "62/65 xã, phường đã báo cáo (đang thực hiện: 62)."
 * then each clause shared by at least two members and a third of them, most shared first (at
 * most three): "- 62 xã, phường: Ban hành Kế hoạch triển khai trên địa bàn xã, phường."
 * `of`: how many members were assigned the task (null: only the count of those who reported).
 */
export function summariseResults(results: readonly AgencyResult[], opts: { noun: string; of: number | null }): string[] {
  const n = results.length;
  const statuses = TASK_STATUSES.map((s) => [s, results.filter((r) => r.status === s).length] as const).filter(([, c]) => c > 0);
  const count = opts.of !== null ? `${n}/${opts.of}` : String(n);
  const breakdown = statuses.length > 0 ? ` (${statuses.map(([s, c]) => `${s.toLocaleLowerCase('vi')}: ${c}`).join('; ')})` : '';
  const lines = [`${count} ${opts.noun} đã báo cáo${breakdown}.`];
  const groups = new Map<string, { members: Set<string>; variants: string[] }>();
  for (const r of results) {
    for (const clause of clausesOf(r.text)) {
      const key = clauseKey(clause);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { members: new Set(), variants: [] }));
      if (!g.members.has(r.agencyCode)) {
        g.members.add(r.agencyCode);
        g.variants.push(clause);
      }
    }
  }
  const shared = [...groups.values()]
    .filter((g) => g.members.size >= 2 && g.members.size * 3 >= n)
    .sort((a, b) => b.members.size - a.members.size)
    .slice(0, 3);
  for (const g of shared) {
    const who = opts.of !== null ? `${g.members.size}/${opts.of}` : String(g.members.size);
    lines.push(`- ${who} ${opts.noun}: ${mergedClause(g.variants, opts.noun)}.`);
  }
  return lines;
}
