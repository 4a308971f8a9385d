/**
 * End-to-end helpers: a temporary project with a plan folder, running the CLI in-process and
 * capturing what it prints, reading generated workbooks back.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli.js';
import { buildPlanWorkbook, type PlanData } from '../../scripts/examples/plan-workbook.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `baocao …args` in-process and returns its exit code and output. */
export async function cli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'baocao', ...args], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fresh folder with input/<planId>/ke-hoach.xlsx; returns the paths. */
export async function tempPlan(plan: PlanData, planId: string): Promise<{ root: string; planDir: string; out: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'baocao-e2e-'));
  const planDir = join(root, 'input', planId);
  await mkdir(planDir, { recursive: true });
  await writeFile(join(planDir, 'ke-hoach.xlsx'), await buildPlanWorkbook(plan));
  return { root, planDir, out: join(root, 'output'), cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Loads a generated workbook with exceljs. */
export async function loadXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return wb;
}

/** The text of word/document.xml of a .docx. */
export async function docxXml(path: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const doc = zip.file('word/document.xml');
  if (!doc) throw new Error(`${path} has no word/document.xml`);
  return doc.async('string');
}

/** Visible text of a .docx (runs joined), for assertions on wording. */
export async function docxText(path: string): Promise<string> {
  const xml = await docxXml(path);
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

/** sha256 of every file in a folder (to prove inputs are never modified). */
export async function hashFolder(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    try {
      out[name] = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
    } catch {
      // sub-folders are not inputs
    }
  }
  return out;
}

/** Value of a cell as a number: plain number or a formula's cached result. */
export function numberOf(cell: ExcelJS.Cell): number | null {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v) {
    const r = (v as { result?: unknown }).result ?? (cell as unknown as { result?: unknown }).result;
    return typeof r === 'number' ? r : null;
  }
  return null;
}
