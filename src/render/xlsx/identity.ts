/**
 * Writes a form's identity (model/identity.ts) into an .xlsx exceljs wrote: hidden workbook-level
 * defined names holding string constants. exceljs cannot write a name that is not a range, so the
 * names are added to xl/workbook.xml of the finished package.
 */
import { IDENTITY_NAMES, type FormIdentity } from '../../model/identity.js';
import { patchZipEntry } from '../zip.js';

/** Excel refuses string constants longer than this in a formula (a defined name's value is one). */
const MAX_CONSTANT = 255;

/** Characters XML 1.0 does not allow in text. */
const XML_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A string constant as Excel writes it in a formula: "…" with inner quotes doubled, at most 255 characters. */
function constant(value: string): string {
  const clean = Array.from(value.replace(XML_ILLEGAL, '')).slice(0, MAX_CONSTANT).join('');
  return `"${clean.replace(/"/g, '""')}"`;
}

/** The <definedName> elements of an identity, in a fixed order. */
export function identityNamesXml(identity: FormIdentity): string {
  const out: string[] = [];
  for (const key of Object.keys(IDENTITY_NAMES) as (keyof FormIdentity)[]) {
    out.push(`<definedName name="${IDENTITY_NAMES[key]}" hidden="1">${escapeXml(constant(identity[key]))}</definedName>`);
  }
  return out.join('');
}

/** The workbook package with the identity's defined names added (beside any names exceljs wrote). */
export function stampIdentity(xlsx: Uint8Array, identity: FormIdentity): Uint8Array {
  const names = identityNamesXml(identity);
  return patchZipEntry(xlsx, 'xl/workbook.xml', (xml) => {
    // Names already there (print titles) stay; the element order of CT_Workbook puts
    // definedNames right after sheets (exceljs writes no functionGroups or externalReferences).
    if (/<definedNames\s*\/>/.test(xml)) return xml.replace(/<definedNames\s*\/>/, `<definedNames>${names}</definedNames>`);
    if (xml.includes('<definedNames>')) return xml.replace('<definedNames>', `<definedNames>${names}`);
    if (!xml.includes('</sheets>')) throw new Error('stampIdentity: xl/workbook.xml has no </sheets>');
    return xml.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`);
  });
}
