#!/usr/bin/env node
// Entry for `npx baocao`: runs the compiled CLI (built by `npm install` through the prepare script).
import { cliEntries, loadCli } from './load.js';

// The bundle (scripts/bundle.ts) starts faster; the plain compiled files work the same (bin/load.js).
if (cliEntries().length === 0) {
  console.error('Chưa biên dịch baocao. Hãy chạy "npm install" (hoặc "npm run build") trong thư mục dự án rồi thử lại.');
  process.exit(2);
}
// Output piped into `head` and closed early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
const { main } = await loadCli();
process.exitCode = await main(process.argv);
