/**
 * Finding the plan's agencies by what people write: a code, a full name or alias (ignoring case
 * and diacritics), or a group name that stands for all its members. Pure lookups over the plan's
 * agency list, used by every stage that meets an agency name.
 */
import type { Agency } from './plan.js';
import { foldKey } from '../vn/index.js';

/** Agencies by upper-case code, by folded name or alias, and by folded group: built once per agency list. */
interface AgencyIndex {
  readonly byCode: ReadonlyMap<string, Agency>;
  readonly byName: ReadonlyMap<string, Agency>;
  readonly byGroup: ReadonlyMap<string, readonly Agency[]>;
  /** Length of the list when indexed (a list still being built is indexed again). */
  readonly size: number;
}

const agencyIndexes = new WeakMap<readonly Agency[], AgencyIndex>();

/**
 * Every submission is matched against the plan's agencies (1.000 and more); the lists are
 * indexed once instead of scanned per file. The first agency in the list wins, as a scan would.
 */
function agencyIndex(agencies: readonly Agency[]): AgencyIndex {
  let index = agencyIndexes.get(agencies);
  if (index && index.size === agencies.length) return index;
  const byCode = new Map<string, Agency>();
  const byName = new Map<string, Agency>();
  const byGroup = new Map<string, Agency[]>();
  for (const a of agencies) {
    const code = a.code.toUpperCase();
    if (!byCode.has(code)) byCode.set(code, a);
    for (const n of [a.name, ...a.aliases]) {
      const k = foldKey(n);
      if (!byName.has(k)) byName.set(k, a);
    }
    if (a.group !== null) {
      const g = foldKey(a.group);
      let list = byGroup.get(g);
      if (!list) byGroup.set(g, (list = []));
      list.push(a);
    }
  }
  index = { byCode, byName, byGroup, size: agencies.length };
  agencyIndexes.set(agencies, index);
  return index;
}

/** Finds an agency by code (case-insensitive) or by full name/alias ignoring case and diacritics. */
export function matchAgency(agencies: readonly Agency[], text: string): Agency | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const index = agencyIndex(agencies);
  return index.byCode.get(t.toUpperCase()) ?? index.byName.get(foldKey(t));
}

/** The agencies of a group ("UBND các xã, phường"), matched ignoring case and diacritics. */
export function groupMembers(agencies: readonly Agency[], name: string): Agency[] {
  const k = foldKey(name);
  return k ? [...(agencyIndex(agencies).byGroup.get(k) ?? [])] : [];
}
