/**
 * Money units as plans write them.
 */

/** Multiplier from the plan's money unit to đồng: "1000 đồng"/"nghìn đồng" → 1000. */
export function unitToDong(unit: string): number {
  const u = unit
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .toLowerCase()
    .replace(/[.\s]/g, '');
  if (/^(1000|nghin|ngan)dong$/.test(u)) return 1000;
  if (/^(1000000|trieu)dong$/.test(u)) return 1_000_000;
  if (/^(1000000000|ty|ti)dong$/.test(u)) return 1_000_000_000;
  return 1;
}
