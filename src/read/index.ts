/**
 * Read stage: input files → SourceWorkbook plus findings, and everything else read from the input
 * folders (round files, their fingerprints, templates, the watched folder). Entered only here.
 */
export * from './workbook.js';
export { inflateEntry, scanZip, type ZipEntry } from './zip.js';
export { ignoreReason, listRoundFiles, lockedFile, type IgnoreReason, type OpenFile } from './list.js';
export { isUnfinishedZip, watchBaseline, watchRound, type FolderChange, type WatchBaseline, type WatchTiming } from './watch.js';
export { fingerprintRound } from './received.js';
export { listRoundDirs, nestedFolders, readPlanAppendixLayouts, readPlanWordTemplate, readTemplates, resolveTarget, type PlanFolders, type SkippedFolder, type Target } from './inputs.js';
export { loadRoundFiles, mapLimit, type LoadedRound, type LoadRoundOptions, type RoundFile } from './round-files.js';
export { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, measureSheets } from './ranges.js';
export { workerScript } from './worker-script.js';
export {
  codeStamp,
  entryNames,
  fileBytes,
  fileStamp,
  folderIn,
  isFolderName,
  isInside,
  manifestNames,
  planFolder,
  planFolders as workspacePlanFolders,
  planStamp,
  readPageAssets,
  readUploads,
  realFileIn,
  realFolder,
  roundFileList,
  roundSignature,
  staysIn,
  subFolders,
} from './workspace.js';
/** LibreOffice, for the other stages that convert files (build --pdf). */
export { findSoffice } from './convert-xls.js';
export { runSoffice, type ConvertResult, type SofficeJob } from './soffice.js';
