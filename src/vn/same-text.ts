/**
 * When two agencies wrote the same words, and how the members of a group are called in a
 * sentence ("13/65 xã, phường"). Pure text helpers shared by aggregate (grouping) and render.
 */

/** Key under which two texts count as the same: NFC, spacing collapsed, lower case, no trailing punctuation. */
export function textKey(text: string): string {
  // Every build of a round keys the same results and notes again (a warm rebuild, thousands of them).
  const hit = keyCache.get(text);
  if (hit !== undefined) return hit;
  const key = computeTextKey(text);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
  keyCache.set(text, key);
  return key;
}

const KEY_CACHE_SIZE = 50_000;
const keyCache = new Map<string, string>();

function computeTextKey(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\s\u00A0\u200B-\u200D\uFEFF]+/gu, ' ')
    .trim()
    .toLocaleLowerCase('vi')
    .replace(/[\s.;,:!?…]+$/u, '')
    .replace(/^[-–+•\s]+/u, '')
    .trim();
}

/** "xã, phường" for the group "UBND các xã, phường"; "đơn vị thuộc <group>" when the name has no "các". */
export function memberNoun(group: string): string {
  const g = group.trim().replace(/^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+/iu, '');
  const m = /^các\s+(.+)$/iu.exec(g);
  return m?.[1] ? m[1] : `đơn vị thuộc ${group.trim()}`;
}
