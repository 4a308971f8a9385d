/**
 * One CLI run of the benchmark in its own process, so its time includes starting Node and
 * loading baocao, and its peak memory (maxRSS, worker threads included) is its own. Prints
 * {code, ms, maxRssKiB} as JSON on stdout.
 */
import { existsSync } from 'node:fs';

// The same entry as bin/baocao.js: the bundle when it was built, else the compiled files.
const bundled = new URL('../bundle/cli.js', import.meta.url);
const { main } = (existsSync(bundled) ? await import(bundled.href) : await import('../src/cli.js')) as typeof import('../src/cli.js');

const started = performance.now();
const code = await main(['node', 'baocao', ...process.argv.slice(2)], { out: () => undefined, err: () => undefined });
process.stdout.write(JSON.stringify({ code, ms: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS }));
