/**
 * Deterministic mutations of a valid .xlsx for the fuzz test: edits inside the XML parts,
 * hostile attribute values, truncation, flipped bytes, shuffled, dropped, duplicated, renamed
 * and swapped zip parts. Same seed, same mutants.
 */
import { inflateRawSync } from 'node:zlib';
import { scanZip } from '../../src/read/zip.js';
import { buildZip, entry, type RawEntry } from '../read/zip-writer.js';

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Part {
  readonly name: string;
  readonly data: Buffer;
}

export interface Mutant {
  /** What was done, enough to rebuild the case by hand when it fails. */
  readonly label: string;
  readonly bytes: Uint8Array;
}

/** The parts of a zip, uncompressed, in order. */
export function unzipParts(zip: Uint8Array): Part[] {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const scan = scanZip(buf);
  if (!scan.ok) throw new Error(`not a zip: ${scan.detail}`);
  return scan.entries
    .filter((e) => !e.name.endsWith('/'))
    .map((e) => {
      const h = e.localHeaderOffset;
      const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
      const stored = buf.subarray(start, start + e.compressedSize);
      return { name: e.name, data: e.method === 8 ? inflateRawSync(stored) : Buffer.from(stored) };
    });
}

export function zipParts(parts: readonly Part[]): Buffer {
  return buildZip(parts.map((p): RawEntry => entry(p.name, p.data)));
}

/** XML parts whose text the fuzzer edits. */
export const TEXT_TARGETS = [/^xl\/worksheets\/sheet\d+\.xml$/, /^xl\/sharedStrings\.xml$/, /^xl\/styles\.xml$/, /^xl\/workbook\.xml$/, /^xl\/_rels\/workbook\.xml\.rels$/, /^\[Content_Types\]\.xml$/];

const HOSTILE_CHARS = '<>&"\'=/ ;:#-.,0123456789eE+xX\u0000\u0001\uFFFE\uFFFF\u00A0ĐđẠạ';
const HOSTILE_SNIPPETS = [
  '<row r="0">',
  '<row r="1048577">',
  '<row>',
  '</row>',
  '<c r="A0">',
  '<c r="XFD1048576"><v>1</v></c>',
  '<c t="s"><v>99999</v></c>',
  '<c t="s"><v>-1</v></c>',
  '<c t="e"><v>#N/A</v></c>',
  '<c t="b"><v>2</v></c>',
  '<c t="d"><v>không phải ngày</v></c>',
  '<c t="inlineStr"><is><t>chữ</t></is></c>',
  '<v>1e309</v>',
  '<v>NaN</v>',
  '<v>-0</v>',
  '<v></v>',
  '<f>SUM(A1:A2</f>',
  '<f t="shared" si="7"/>',
  '<f t="shared" ref="A1:A3" si="0">A1</f>',
  '<mergeCell ref="A1:A1"/>',
  '<mergeCell ref="B2:A1"/>',
  '<mergeCell ref="ZZ"/>',
  ' s="99999"',
  ' s="-1"',
  ' t="str"',
  '&#0;',
  '&#xFFFF;',
  '&unknown;',
  '&amp',
  ']]>',
  '<![CDATA[x]]>',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '<sheet name="" sheetId="1" r:id="rId99"/>',
  '<sheet name="Kinh phí" sheetId="9" r:id="rId1"/>',
  '<definedName name="_xlnm.Print_Area" localSheetId="99">Sheet!$A$1:$B$2</definedName>',
  '<xf numFmtId="999" fontId="999" fillId="999" borderId="999" xfId="999"/>',
  '<numFmt numFmtId="200" formatCode="[Red]0;;;@\\"/>',
  '<si><t>',
  '</si>',
  '<si><r><t>a</t></r><r><rPr><rFont val=".VnTime"/></rPr><t>Së</t></r></si>',
  '<Relationship Id="rId1" Type="x" Target="../../../etc/passwd"/>',
  '<col min="1" max="16384" hidden="1"/>',
  '<sheetProtection sheet="1" password="ZZZZ"/>',
  '<dataValidation sqref="A1:A5" type="list"><formula1>"a,b"</formula1></dataValidation>',
];
const HOSTILE_NUMBERS = ['0', '-1', '1048576', '1048577', '16385', '2147483648', '99999999999999999999', '1.5', 'NaN', '', ' 1', '1e3', '0x10'];

function pick<T>(rng: () => number, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)] as T;
}

function int(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Random edits of an XML text: characters, deletions, duplications, hostile snippets and numbers. */
function editText(rng: () => number, text: string, label: string[]): string {
  let t = text;
  const edits = int(rng, 1, 8);
  for (let k = 0; k < edits; k++) {
    const at = int(rng, 0, Math.max(0, t.length - 1));
    const op = int(rng, 0, 5);
    if (op === 0) {
      t = t.slice(0, at) + pick(rng, [...HOSTILE_CHARS]) + t.slice(at + 1);
      label.push(`char@${at}`);
    } else if (op === 1) {
      const n = int(rng, 1, 60);
      t = t.slice(0, at) + t.slice(at + n);
      label.push(`del@${at}+${n}`);
    } else if (op === 2) {
      const n = int(rng, 1, 200);
      t = t.slice(0, at) + t.slice(at, at + n) + t.slice(at);
      label.push(`dup@${at}+${n}`);
    } else if (op === 3) {
      const s = pick(rng, HOSTILE_SNIPPETS);
      t = t.slice(0, at) + s + t.slice(at);
      label.push(`ins@${at}:${s.slice(0, 24)}`);
    } else {
      // A number inside an attribute or a <v> becomes a hostile one.
      const matches = [...t.matchAll(/(="|<v>)(-?\d+(?:\.\d+)?)/g)];
      if (matches.length === 0) continue;
      const m = pick(rng, matches);
      const v = pick(rng, HOSTILE_NUMBERS);
      const start = (m.index ?? 0) + (m[1]?.length ?? 0);
      t = t.slice(0, start) + v + t.slice(start + (m[2]?.length ?? 0));
      label.push(`num@${start}:${m[2]}→${v}`);
    }
  }
  return t;
}

/** One mutant of `base` (an .xlsx), chosen and built from `rng`. */
export function mutate(rng: () => number, base: Uint8Array, parts: readonly Part[]): Mutant {
  const kind = int(rng, 0, 9);
  const targets = parts.filter((p) => TEXT_TARGETS.some((re) => re.test(p.name)));
  switch (kind) {
    case 0:
    case 1:
    case 2:
    case 3: {
      // The most useful family: the zip is fine, the XML inside is not.
      const target = pick(rng, targets);
      const label: string[] = [];
      const text = editText(rng, target.data.toString('utf8'), label);
      const out = parts.map((p) => (p === target ? { name: p.name, data: Buffer.from(text, 'utf8') } : p));
      return { label: `xml ${target.name}: ${label.join(', ')}`, bytes: zipParts(out) };
    }
    case 4: {
      const n = int(rng, 0, base.byteLength - 1);
      return { label: `truncate to ${n} of ${base.byteLength} bytes`, bytes: base.slice(0, n) };
    }
    case 5: {
      const out = Buffer.from(base);
      const flips = int(rng, 1, 20);
      const at: number[] = [];
      for (let k = 0; k < flips; k++) {
        const i = int(rng, 0, out.length - 1);
        out[i] = (out[i] ?? 0) ^ (1 << int(rng, 0, 7));
        at.push(i);
      }
      return { label: `flip bits at ${at.join(',')}`, bytes: out };
    }
    case 6: {
      const out = [...parts];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(rng, 0, i);
        [out[i], out[j]] = [out[j] as Part, out[i] as Part];
      }
      return { label: `shuffle parts: ${out.map((p) => p.name).join(' ')}`, bytes: zipParts(out) };
    }
    case 7: {
      const drop = pick(rng, parts);
      return { label: `remove ${drop.name}`, bytes: zipParts(parts.filter((p) => p !== drop)) };
    }
    case 8: {
      const dup = pick(rng, parts);
      const other = pick(rng, targets);
      const twin = rng() < 0.5 ? dup : { name: dup.name, data: other.data };
      const at = int(rng, 0, parts.length);
      const out = [...parts.slice(0, at), twin, ...parts.slice(at)];
      return { label: `duplicate ${dup.name}${twin === dup ? '' : ` with the content of ${other.name}`} at ${at}`, bytes: zipParts(out) };
    }
    default: {
      const a = pick(rng, parts);
      const b = pick(rng, parts);
      if (rng() < 0.5) {
        const renamed = a.name.replace(/\d+(?=\.xml$)/, '9').replace(/sharedStrings/, 'SharedStrings');
        return { label: `rename ${a.name} → ${renamed}`, bytes: zipParts(parts.map((p) => (p === a ? { name: renamed, data: p.data } : p))) };
      }
      return {
        label: `swap contents of ${a.name} and ${b.name}`,
        bytes: zipParts(parts.map((p) => (p === a ? { name: p.name, data: b.data } : p === b ? { name: p.name, data: a.data } : p))),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile content (issue 10): the zip and the XML stay valid, the text and the figures do not.

/** What Excel's escapes and copy-paste put into cell text: controls, non-characters, lone surrogates, invisible and huge runs. */
export const HOSTILE_TEXTS = [
  '_x0001_',
  '_x0000_',
  '_x0008_',
  '_x000B_',
  '_x001F_',
  '_xD800_',
  '_xDFFF_',
  '_xFFFE_',
  '_xFFFF_',
  '_x005F_x0001_',
  '_x0001__x0002__x0003_',
  '_x000D__x000A_',
  '\u200B\uFEFF',
  '😀',
  'Đ'.repeat(40_000),
] as const;

/** Figures out of any sane range, and the edges of what a double holds. */
export const HOSTILE_FIGURES = ['1e308', '-1e308', '9.99999999999999E+307', '1.7976931348623157e308', '1e16', '-1e15', '1e15', '4.9e-324', '1e-300', '123456789012345678901234567890'] as const;

/**
 * A mutant of `parts` (an .xlsx) whose XML stays well-formed but whose cell texts carry hostile
 * characters (as Excel writes them, "_x0001_") and whose figures are out of range; with a small
 * chance, one text of 20 MB (a workbook declaring too much text).
 */
export function hostileMutant(rng: () => number, parts: readonly Part[]): Mutant {
  const label: string[] = [];
  const out = parts.map((p) => {
    if (p.name === 'xl/sharedStrings.xml') {
      let xml = p.data.toString('utf8');
      if (rng() < 0.05) {
        label.push('text of 20 MB');
        return { name: p.name, data: Buffer.from(xml.replace(/<t([^>]*)>/, `<t$1>${'Nội dung '.repeat(2_300_000)}`), 'utf8') };
      }
      const spans = [...xml.matchAll(/<t(?: [^>]*)?>([^<]+)<\/t>/g)];
      const edits = int(rng, 1, 6);
      for (let k = 0; k < edits && spans.length > 0; k++) {
        const m = pick(rng, spans);
        const text = m[1] ?? '';
        const at = int(rng, 0, text.length);
        const hostile = pick(rng, HOSTILE_TEXTS);
        const start = (m.index ?? 0) + m[0].indexOf('>') + 1 + at;
        xml = xml.slice(0, start) + hostile + xml.slice(start);
        label.push(`text+${hostile.length > 20 ? `${hostile.length} chars` : JSON.stringify(hostile)}`);
        // Positions after this edit moved: take the spans again.
        spans.splice(0, spans.length, ...xml.matchAll(/<t(?: [^>]*)?>([^<]+)<\/t>/g));
      }
      return { name: p.name, data: Buffer.from(xml, 'utf8') };
    }
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(p.name) && rng() < 0.6) {
      let xml = p.data.toString('utf8');
      // Numbers of plain cells (no t="s"): a figure somebody typed.
      const numbers = [...xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="\d+")?><v>(-?[\d.]+(?:E[+-]?\d+)?)<\/v>/g)];
      const edits = int(rng, 1, 3);
      for (let k = 0; k < edits && numbers.length > 0; k++) {
        const m = pick(rng, numbers);
        const figure = pick(rng, HOSTILE_FIGURES);
        xml = xml.replace(m[0], m[0].replace(`<v>${m[2]}</v>`, `<v>${figure}</v>`));
        label.push(`${p.name.slice(14)}!${m[1]}=${figure}`);
      }
      return { name: p.name, data: Buffer.from(xml, 'utf8') };
    }
    return p;
  });
  return { label: `hostile: ${label.join(', ') || 'none'}`, bytes: zipParts(out) };
}

/** Characters XML 1.0 does not allow, as they may appear (raw) in an output part. */
export const RAW_INVALID_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
