/**
 * The outline of an agency's budget lines as their numbers (the "STT" column) give it: a line "1"
 * details into "1.1", "1.2" (and those into "1.1.1"…), into "a", "b" or into "-", "+" bullets; a
 * line "a" into bullets; a part "A" holds everything down to "B". Group headings "I", "II" and
 * total rows are not lines: they end an outline (validate/submission.ts).
 *
 * An agency that breaks a line of the form down keeps, as often as not, the line's own figures:
 * then they are the subtotal of its detail lines, and adding both would count the money twice.
 */

/** What a line's number says about its place in the outline; null for anything else (blank, "1a", "*)"…). */
export type OutlineLevel =
  | { readonly kind: 'part' }
  | { readonly kind: 'number'; readonly path: readonly number[] }
  | { readonly kind: 'letter' }
  | { readonly kind: 'bullet' }
  | null;

/** The level of a line numbered `stt` ("1", "1.2.", "1.2)", "a", "b)", "-", "A"…). */
export function outlineLevel(stt: string): OutlineLevel {
  const s = stt.trim();
  if (/^[-+•–—*]$/u.test(s)) return { kind: 'bullet' };
  const t = s.replace(/[.)]$/, '').trim();
  if (/^\d{1,3}(?:\.\d{1,3})*$/.test(t)) return { kind: 'number', path: t.split('.').map(Number) };
  if (/^[a-zđ]$/u.test(t)) return { kind: 'letter' };
  // Upper-case Roman numerals (I, V, X, L, C) are group headings before they get here.
  if (/^[A-ZĐ]$/u.test(t)) return { kind: 'part' };
  return null;
}

/** True when a line at level `child` right below a line at level `parent` details it. */
export function details(parent: OutlineLevel, child: OutlineLevel): boolean {
  if (parent === null || child === null) return false;
  switch (parent.kind) {
    case 'part':
      return child.kind !== 'part';
    case 'number':
      if (child.kind === 'number') return child.path.length > parent.path.length && parent.path.every((n, i) => child.path[i] === n);
      return child.kind === 'letter' || child.kind === 'bullet';
    case 'letter':
      return child.kind === 'bullet';
    case 'bullet':
      return false;
  }
}

/**
 * For each of a run of consecutive lines (no heading or total between them), the index of the
 * line it details, or -1: "1", "1.1", "1.2", "2" → [-1, 0, 0, -1].
 */
export function outlineParents(stts: readonly string[]): number[] {
  const levels = stts.map(outlineLevel);
  const parents: number[] = [];
  const open: number[] = [];
  for (const [i, level] of levels.entries()) {
    while (open.length > 0 && !details(levels[open[open.length - 1] as number] ?? null, level)) open.pop();
    parents.push(open.length > 0 ? (open[open.length - 1] as number) : -1);
    open.push(i);
  }
  return parents;
}
