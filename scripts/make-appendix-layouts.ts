/**
 * Writes the shipped appendix layouts into a folder (default: templates/):
 *   npx vite-node scripts/make-appendix-layouts.ts
 *   node dist/scripts/make-appendix-layouts.js [folder]
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APPENDIX_LAYOUT_KINDS, appendixLayoutFile } from '../src/model/templates.js';
import { makeLayout } from './appendix-layouts.js';

const dir = resolve(process.argv[2] ?? 'templates');
for (const kind of APPENDIX_LAYOUT_KINDS) {
  const path = join(dir, appendixLayoutFile(kind));
  await writeFile(path, await makeLayout(kind));
  console.log(path);
}
