/** The workbook part: sheets, relationships, date system; each sheet handed to worksheet.ts. */
import type { Finding } from '../../findings.js';
import type { SourceSheet } from '../../model/source.js';
import { BAIL, xmlDecode, type SharedString } from './common.js';
import type { Parts } from './parts.js';
import { readSharedStrings, readStyles } from './styles.js';
import { readSheet } from './worksheet.js';
import { checkFragment, elementRegion } from './scan.js';
import { parseShared, stylesCache } from './parts.js';
import { child, type XNode } from './xml.js';

// ---------------------------------------------------------------------------------------------
// Workbook parts


/** What exceljs's RelationshipsXform and CoreXform accept inside their root (anything else throws). */
const RELATIONSHIP: ReadonlySet<string> = new Set(['Relationship']);
const CORE_PROPERTIES: ReadonlySet<string> = new Set(
  ['dc:creator', 'dc:title', 'dc:subject', 'dc:description', 'dc:identifier', 'dc:language', 'cp:keywords', 'cp:category', 'cp:lastModifiedBy', 'cp:lastPrinted', 'cp:revision', 'cp:version', 'cp:contentStatus', 'cp:contentType', 'dcterms:created', 'dcterms:modified'],
);

/**
 * The workbook part as elements. Its defined names differ from file to file (a form's identity)
 * and are not read here: they are checked where they stand, and the rest is parsed once per
 * distinct text.
 */
function workbookDoc(xml: string): XNode {
  const names = elementRegion(xml, 'definedNames');
  if (!names) return parseShared(xml, 'workbook');
  checkFragment(xml, names.open, names.end);
  return parseShared(`${xml.slice(0, names.open)}<definedNames/>${xml.slice(names.end)}`, 'workbook');
}

export function readWorkbook(parts: Parts, file: string, findings: Finding[]): SourceSheet[] {
  const wbXml = parts.text('xl/workbook.xml');
  const relsDoc = parts.sharedDoc('xl/_rels/workbook.xml.rels', 'Relationships');
  const stylesDoc = parts.sharedDoc('xl/styles.xml', 'styleSheet');
  if (wbXml === null || relsDoc === null || stylesDoc === null) throw BAIL;
  const wb = workbookDoc(wbXml);
  // Parts exceljs parses too: a damaged one makes it refuse the file, so this reader must as well.
  parts.check('_rels/.rels', 'Relationships', RELATIONSHIP);
  parts.check('docProps/app.xml', 'Properties');
  parts.check('docProps/core.xml', 'cp:coreProperties', CORE_PROPERTIES);
  const worksheetParts: string[] = [];
  for (const name of parts.names()) {
    // Drawings, comments and tables go through more exceljs logic than this reader mirrors.
    if (/xl\/drawings\/|xl\/comments\d+[.]xml|xl\/tables\/table\d+[.]xml|vmlDrawing/.test(name)) throw BAIL;
    if (/xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.test(name)) parts.check(name, 'Relationships', RELATIONSHIP);
    else if (/xl\/worksheets\/sheet(\d+)[.]xml/.test(name)) worksheetParts.push(name);
  }

  const pr = child(wb, 'workbookPr');
  const date1904 = pr ? pr.attrs.date1904 === '1' : false;

  const rels = new Map<string, string>();
  for (const r of relsDoc.children) {
    if (r.name !== 'Relationship' || r.children.length > 0) throw BAIL;
    const a = r.attrs;
    if (a.Id === undefined || a.Target === undefined || rels.has(a.Id)) throw BAIL;
    rels.set(a.Id, a.Target);
  }

  const sheetNodes = child(wb, 'sheets')?.children;
  if (!sheetNodes || sheetNodes.length === 0) throw BAIL;
  let styles = stylesCache.get(stylesDoc);
  if (!styles) {
    styles = readStyles(stylesDoc);
    stylesCache.set(stylesDoc, styles);
  }
  let shared: SharedString[] | null | undefined;
  const sharedStrings = (): SharedString[] => {
    if (shared === undefined) {
      const xml = parts.text('xl/sharedStrings.xml');
      shared = xml === null ? null : readSharedStrings(xml);
    }
    if (shared === null) throw BAIL;
    return shared;
  };
  if (parts.has('xl/sharedStrings.xml')) sharedStrings();

  const names = new Set<string>();
  const ids = new Set<number>();
  const targets = new Set<string>();
  const out: SourceSheet[] = [];
  // Merged cells of all sheets together, limited as the read stage limits them (src/read/ranges.ts).
  const merged = { cells: 0 };
  for (const node of sheetNodes) {
    if (node.name !== 'sheet' || node.children.length > 0) throw BAIL;
    const a = node.attrs;
    const rId = a['r:id'];
    const target = rId === undefined ? undefined : rels.get(rId);
    if (a.name === undefined || target === undefined || a.sheetId === undefined) throw BAIL;
    const id = parseInt(a.sheetId, 10);
    if (!(id > 0 && id <= 65_535) || ids.has(id)) throw BAIL; // exceljs keeps sheets in an array indexed by sheetId
    ids.add(id);
    const name = xmlDecode(a.name);
    // The rules exceljs's Worksheet name setter enforces (it throws or truncates otherwise).
    if (name === '' || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) || name.length > 31) throw BAIL;
    if (names.has(name.toLowerCase())) throw BAIL;
    names.add(name.toLowerCase());
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path) || targets.has(path) || !parts.has(path)) throw BAIL;
    targets.add(path);
    const xml = parts.text(path);
    if (xml === null) throw BAIL;
    const state = a.state;
    out.push(readSheet(xml, name, state === 'hidden' || state === 'veryHidden', styles, sharedStrings, date1904, file, findings, merged));
  }
  // Worksheet parts no sheet refers to are still parsed by exceljs (and measured by the read stage).
  if (worksheetParts.some((p) => !targets.has(p))) throw BAIL;
  return out;
}
