/**
 * Reads a form's identity (model/identity.ts) from the defined names of xl/workbook.xml, the same
 * way whichever reader then reads the cells (the fast reader or exceljs, which drops names that
 * are not ranges). Tolerant of what Excel and LibreOffice write when they save the file again
 * (namespace prefixes, extra attributes, single quotes, a leading "="); never throws.
 */
import { IDENTITY_NAMES, type FormIdentity } from '../model/identity.js';
import { decodeXmlText } from '../lib/xml.js';
import { inflateEntry, scanZip, type ZipEntry } from './zip.js';

/** A workbook part larger than this is not searched (real ones are a few kilobytes). */
const MAX_WORKBOOK_XML = 8 * 1024 * 1024;
/** Longest value kept from one name (the writer caps them at 255 characters). */
const MAX_VALUE = 1000;

const DEFINED_NAME = /<(?:[A-Za-z_][\w.-]*:)?definedName\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?definedName\s*>)/g;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The text of a string-constant formula ("abc" or ="a""b"), or null for anything else (a range, a number). */
function stringConstant(formula: string): string | null {
  const m = /^\s*=?\s*"((?:[^"]|"")*)"\s*$/.exec(formula);
  return m ? (m[1] ?? '').replace(/""/g, '"').slice(0, MAX_VALUE) : null;
}

/** The identity written in a workbook part's text, or null when it carries none (no plan and no round). */
export function identityFromWorkbookXml(xml: string): FormIdentity | null {
  const byName = new Map<string, string>();
  for (const m of xml.matchAll(DEFINED_NAME)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTRIBUTE)) attrs.set((a[1] ?? '').toLowerCase(), decodeXmlText(a[2] ?? a[3] ?? ''));
    const name = attrs.get('name')?.toLowerCase();
    // Only workbook-level names: a sheet-level name of the same spelling is someone else's.
    if (!name || !name.startsWith('_baocao_') || attrs.has('localsheetid') || byName.has(name)) continue;
    const value = stringConstant(decodeXmlText(m[2] ?? ''));
    if (value !== null) byName.set(name, value);
  }
  const get = (key: keyof FormIdentity): string => byName.get(IDENTITY_NAMES[key].toLowerCase()) ?? '';
  const identity: FormIdentity = {
    version: get('version'),
    plan: get('plan'),
    planTitle: get('planTitle'),
    round: get('round'),
    roundKey: get('roundKey'),
    roundLabel: get('roundLabel'),
    agency: get('agency'),
  };
  return identity.plan === '' && identity.planTitle === '' && identity.round === '' && identity.roundKey === '' ? null : identity;
}

/**
 * The identity of a zipped workbook, from its xl/workbook.xml (taken from `inflated` when the
 * caller already inflated the parts); null when there is none or the part cannot be read.
 */
export function readIdentity(bytes: Uint8Array, entries: readonly ZipEntry[], inflated?: ReadonlyMap<string, Uint8Array>): FormIdentity | null {
  try {
    const entry = entries.find((e) => e.name.replace(/^\/+/, '').toLowerCase() === 'xl/workbook.xml');
    if (!entry || entry.uncompressedSize > MAX_WORKBOOK_XML) return null;
    const raw = inflated?.get(entry.name) ?? inflateEntry(bytes, entry, MAX_WORKBOOK_XML);
    if (!raw || raw.byteLength > MAX_WORKBOOK_XML) return null;
    return identityFromWorkbookXml(new TextDecoder('utf-8').decode(raw));
  } catch {
    return null;
  }
}

/** The identity of an .xlsx held in memory (scans its zip first); null when it has none. */
export function identityOfXlsx(bytes: Uint8Array): FormIdentity | null {
  const scan = scanZip(bytes);
  return scan.ok ? readIdentity(bytes, scan.entries) : null;
}
