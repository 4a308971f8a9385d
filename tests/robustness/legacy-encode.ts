/**
 * Unicode → TCVN3 (".Vn" fonts) and VNI-Windows, the way old Vietnamese typing tools stored text
 * in Excel: the inverse of baocao's decoding tables. Each result is checked to decode back.
 */
import { TCVN3_TABLE, VNI_TABLE } from '../../src/vn/legacy-tables.js';
import { decodeLegacy } from '../../src/vn/index.js';

function inverse(table: Readonly<Record<string, string>>): Map<string, string> {
  const out = new Map<string, string>();
  // Shorter legacy spellings first, so a letter maps to its usual code.
  for (const [legacy, letter] of Object.entries(table).sort((a, b) => a[0].length - b[0].length)) {
    if (!out.has(letter)) out.set(letter, legacy);
  }
  return out;
}

const TO_TCVN3 = inverse(TCVN3_TABLE);
const TO_VNI = inverse(VNI_TABLE);

/** `text` as a TCVN3 (or VNI) typing tool stored it; throws when a letter has no code. */
export function encodeLegacy(text: string, encoding: 'tcvn3' | 'vni'): string {
  const map = encoding === 'tcvn3' ? TO_TCVN3 : TO_VNI;
  let out = '';
  for (const ch of text.normalize('NFC')) out += map.get(ch) ?? ch;
  // A letter left in Unicode (a toned capital TCVN3 cannot write) would make the text mixed, not legacy.
  if (/[\u0100-\u1EF9]/u.test(out)) throw new Error(`cannot encode ${JSON.stringify(text)} in ${encoding}: ${JSON.stringify(out)}`);
  const back = decodeLegacy(out, encoding);
  if (back !== text.normalize('NFC')) throw new Error(`cannot encode ${JSON.stringify(text)} in ${encoding}: decodes to ${JSON.stringify(back)}`);
  return out;
}
