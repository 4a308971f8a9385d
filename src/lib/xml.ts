/**
 * The text of XML character data or an attribute value, as an XML parser gives it: the five named
 * entities and numeric character references replaced; a reference to no character (0, a
 * surrogate, past U+10FFFF) gives nothing rather than an exception.
 */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g, (m, hex: string | undefined, dec: string | undefined, named: string | undefined) => {
    if (named) return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[named] ?? m;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
  });
}
