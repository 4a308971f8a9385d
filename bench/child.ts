/**
 * One CLI run of the benchmark in its own process, so its time includes starting Node and
 * loading baocao, and its peak memory (maxRSS, worker threads included) is its own. Prints
 * {code, ms, maxRssKiB} as JSON on stdout.
 */
import { main } from '../src/cli.js';

const started = performance.now();
const code = await main(['node', 'baocao', ...process.argv.slice(2)], { out: () => undefined, err: () => undefined });
process.stdout.write(JSON.stringify({ code, ms: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS }));
