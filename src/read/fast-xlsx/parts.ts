/** The zip parts of one workbook, inflated and decoded once, with parsed template parts shared between workbooks. */
import { inflateEntry, sameLocalName, type ZipEntry } from '../zip.js';
import { BAIL, type Style } from './common.js';
import { checkDocument } from './scan.js';
import { parseDocument, type XNode } from './xml.js';

// ---------------------------------------------------------------------------------------------
// Zip parts

export const decoder = new TextDecoder('utf-8');
/** Parsed template parts by their text (see Parts.sharedDoc). */
export const docCache = new Map<string, Map<string, XNode>>();
/** Text of inflated parts, by buffer. */
export const decodedParts = new WeakMap<Uint8Array, string>();
/** Styles read from a parsed styles part. */
export const stylesCache = new WeakMap<XNode, (Style | undefined)[]>();

/**
 * `xml` parsed as a document with the given root, once per distinct text: parts that repeat from
 * workbook to workbook (see Parts.sharedDoc, and a worksheet's layout around its rows). The trees
 * are never modified after parsing.
 */
export function parseShared(xml: string, root: string): XNode {
  let byText = docCache.get(root);
  if (!byText) docCache.set(root, (byText = new Map()));
  let hit = byText.get(xml);
  if (!hit) {
    hit = parseDocument(xml, root);
    if (byText.size >= 64) byText.clear();
    byText.set(xml, hit);
  }
  return hit;
}

/** Texts of parts checked by Parts.check, by root (every workbook made from one form repeats most of them; a root is always checked with the same children). */
const checkedTexts = new Map<string, Set<string>>();

export class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
    private readonly inflated: ReadonlyMap<string, Uint8Array> | undefined,
  ) {
    for (const e of entries) {
      const name = e.name.startsWith('/') ? e.name.slice(1) : e.name;
      if (this.byName.has(name) || !sameLocalName(bytes, e)) throw BAIL;
      this.byName.set(name, e);
    }
  }
  has(name: string): boolean {
    return this.byName.has(name);
  }
  /**
   * The part parsed as a document with the given root, or null when absent: once per distinct
   * text, as parts repeat from file to file (workbooks made from one template share their styles
   * and relationships). The trees are never modified after parsing.
   */
  sharedDoc(name: string, root: string): XNode | null {
    const xml = this.text(name);
    if (xml === null) return null;
    return parseShared(xml, root);
  }
  /**
   * Checks the part as parseDocument would parse it, for parts this reader does not read but
   * exceljs parses (a damaged one makes exceljs refuse the file): false when absent.
   */
  check(name: string, root: string, children?: ReadonlySet<string>): boolean {
    const xml = this.text(name);
    if (xml === null) return false;
    let texts = checkedTexts.get(root);
    if (!texts) checkedTexts.set(root, (texts = new Set()));
    if (!texts.has(xml)) {
      checkDocument(xml, root, children);
      if (texts.size >= 64) texts.clear();
      texts.add(xml);
    }
    return true;
  }
  names(): IterableIterator<string> {
    return this.byName.keys();
  }
  /** The part as text, or null when absent; bails when it cannot be inflated. */
  text(name: string): string | null {
    const e = this.byName.get(name);
    if (!e) return null;
    const raw = this.inflated?.get(e.name) ?? inflateEntry(this.bytes, e, 2 * e.uncompressedSize + 1024 * 1024);
    if (!raw) throw BAIL;
    // A part shared by many workbooks comes as the same buffer each time (see verifyEntries).
    let xml = decodedParts.get(raw);
    if (xml === undefined) {
      xml = decoder.decode(raw);
      decodedParts.set(raw, xml);
    }
    if (xml.includes('purl.oclc.org/ooxml')) throw BAIL; // strict OOXML
    return xml;
  }
}
