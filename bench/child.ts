/**
 * One CLI run of the benchmark in its own process, so its time includes starting Node and
 * loading baocao, and its peak memory (maxRSS, worker threads included) is its own. Prints
 * {code, ms, maxRssKiB} as JSON on stdout.
 */
// The same entry as bin/baocao.js (bin/load.js): the bundle with its code cache when it was built, else the compiled files.
type Main = typeof import('../src/cli.js').main;
const { loadCli } = (await import(new URL('../../bin/load.js', import.meta.url).href)) as { loadCli: () => Promise<{ main: Main }> };
const { main } = await loadCli();

const started = performance.now();
const code = await main(['node', 'baocao', ...process.argv.slice(2)], { out: () => undefined, err: () => undefined });
process.stdout.write(JSON.stringify({ code, ms: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS }));
