// Benchmark (not a test) for the reply checker of issue 8: dictionary load time and added memory,
// and the median time to check a 4,000-character reply after warm-up — in Node and in a browser
// worker (headless Chromium through playwright-core, engine bundled by esbuild).
// Targets: load ≤ 1 s, added memory ≤ 80 MB, check ≤ 20 ms.
// Usage: npm run bench:style [-- --runs 200] [-- --no-browser]
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../../src/lib/domain/style/checker';
import { loadAzMorphology } from '../../src/lib/domain/style/morphology/az-morphology';
import { azDictionaryDir, nodeDictionaryLoader } from '../../src/lib/server/style/dictionary';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, 'no-browser': { type: 'boolean' } },
});
const runs = Number(values.runs);

/** A 4,000-character reply: the long fixture reply cut at the last sentence before 4,000. */
function replyOf4000(): string {
  const long = fs.readFileSync(
    path.join(root, 'test/fixtures/style/replies/17-too-long.txt'),
    'utf8',
  );
  const cut = long.slice(0, 4000);
  return cut.slice(0, cut.lastIndexOf('.') + 1);
}

/** Other replies of the same length, from the labelled sentences in a fixed shuffled order. */
function otherReplies(count: number): string[] {
  const sentences = fs
    .readFileSync(path.join(root, 'test/fixtures/style/sentences.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.includes(' | ') && !l.startsWith('#'))
    .map((l) => l.split(' | ').slice(1).join(' | '));
  const texts: string[] = [];
  let seed = 7;
  for (let i = 0; i < count; i++) {
    let text = '';
    while (text.length < 3900) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      text += `${sentences[seed % sentences.length]} `;
      if (seed % 5 === 0) text += '\n\n';
    }
    texts.push(text.slice(0, 4000));
  }
  return texts;
}

/** RSS of this process's descendants (the Chromium tree), from /proc. */
function descendantsRss(): number {
  const children = new Map<number, number[]>();
  const rssOf = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      rssOf.set(Number(entry), m ? Number(m[1]) * 1024 : 0);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      total += rssOf.get(c) ?? 0;
      walk(c);
    }
  };
  walk(process.pid);
  return total;
}

const WORKER = `
import { createChecker } from '../../src/lib/domain/style/checker';
import { fetchDictionaryLoader } from '../../src/lib/domain/style/morphology/fetch-loader';
let checker;
self.onmessage = async (e) => {
  if (e.data.cmd === 'ping') {
    globalThis.gc?.();
    postMessage({ ms: 0, rejected: 0 });
    return;
  }
  if (e.data.cmd === 'load') {
    const t = performance.now();
    checker = await createChecker({ loadDictionary: fetchDictionaryLoader('/dicts/') });
    const ms = performance.now() - t;
    globalThis.gc?.();
    postMessage({ ms, rejected: checker.rejected.length });
    return;
  }
  for (let i = 0; i < 20; i++) checker.check(e.data.text);
  const times = [];
  for (let i = 0; i < e.data.runs; i++) {
    const t = performance.now();
    checker.check(e.data.text);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  postMessage({ median: times[Math.floor(times.length / 2)], max: times.at(-1) });
};
`;

async function bundleWorker(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    stdin: { contents: WORKER, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
    plugins: [
      {
        name: 'no-fs',
        setup(b) {
          b.onResolve({ filter: /^fs$/ }, () => ({ path: 'fs', namespace: 'no-fs' }));
          b.onLoad({ filter: /.*/, namespace: 'no-fs' }, () => ({
            contents: 'module.exports = {}',
          }));
        },
      },
    ],
  });
  return out.outputFiles[0]!.text;
}

function serve(workerJs: string): Promise<http.Server> {
  const dicts = azDictionaryDir();
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.setHeader('content-type', 'text/html');
      return res.end('<!doctype html><title>style bench</title>');
    }
    if (url === '/worker.js') {
      res.setHeader('content-type', 'text/javascript');
      return res.end(workerJs);
    }
    const file = path.join(dicts, path.basename(url));
    if (url.startsWith('/dicts/') && fs.existsSync(file)) return res.end(fs.readFileSync(file));
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Loads the checker in a module worker in headless Chromium and times it there. */
async function benchInBrowser(reply: string) {
  const exe = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) return undefined;
  const server = await serve(await bundleWorker());
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-background-networking', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForTimeout(1000);
    const idle = descendantsRss();
    const send = (cmd: string) =>
      page.evaluate(
        (c) =>
          new Promise<{ ms: number; rejected: number }>((resolve) => {
            const g = globalThis as { benchWorker?: Worker };
            g.benchWorker ??= new Worker('/worker.js', { type: 'module' });
            g.benchWorker.onmessage = (e) => resolve(e.data);
            g.benchWorker.postMessage({ cmd: c });
          }),
        cmd,
      );
    await send('ping');
    await page.waitForTimeout(1000);
    const withWorker = descendantsRss();
    const load = await send('load');
    await page.waitForTimeout(1000);
    await send('ping');
    await page.waitForTimeout(500);
    const workerBytes = withWorker - idle;
    const addedBytes = descendantsRss() - withWorker;
    const timing = await page.evaluate(
      ({ text, n }) =>
        new Promise<{ median: number; max: number }>((resolve) => {
          const w = (globalThis as { benchWorker?: Worker }).benchWorker!;
          w.onmessage = (e) => resolve(e.data);
          w.postMessage({ cmd: 'check', text, runs: n });
        }),
      { text: reply, n: runs },
    );
    return {
      version: `Chromium ${browser.version()}`,
      loadMs: load.ms,
      workerBytes,
      addedBytes,
      medianMs: timing.median,
      maxMs: timing.max,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

function rss(): number {
  gc?.();
  return process.memoryUsage().rss;
}

const text = replyOf4000();
const before = rss();
let t = performance.now();
await loadAzMorphology(nodeDictionaryLoader());
const dictionaryMs = performance.now() - t;
t = performance.now();
const checker = await createChecker({ loadDictionary: nodeDictionaryLoader() });
const rulesMs = performance.now() - t;
const added = rss() - before;

const fresh = await createChecker({ loadDictionary: nodeDictionaryLoader() });
t = performance.now();
fresh.check(text);
const coldMs = performance.now() - t;

for (let i = 0; i < 20; i++) checker.check(text);
const same: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  checker.check(text);
  same.push(performance.now() - t);
}
const others = otherReplies(runs);
const distinct = others.map((o) => {
  const s = performance.now();
  checker.check(o);
  return performance.now() - s;
});
const findings = checker.check(text).findings.length;

console.log(`Style checker benchmark (${runs} runs, reply of ${text.length} characters)`);
console.log('Node', process.version, gc ? '(RSS after gc)' : '(RSS without --expose-gc)');
console.log(
  `  dictionary load (Az.js, OpenCorpora, ${azDictionaryDir()}): ${dictionaryMs.toFixed(0)} ms`,
);
console.log(
  `  rules compiled and self-tested: ${rulesMs.toFixed(0)} ms (${checker.rules.length} rules)`,
);
console.log(`  added memory after load: ${mb(added)} MB RSS (target ≤ 80 MB)`);
console.log(`  first check, empty word cache: ${coldMs.toFixed(1)} ms`);
console.log(
  `  check, same reply after warm-up: median ${median(same).toFixed(2)} ms, max ${Math.max(...same).toFixed(2)} ms (target ≤ 20 ms; ${findings} findings)`,
);
console.log(
  `  check, ${runs} different 4,000-character texts: median ${median(distinct).toFixed(2)} ms, max ${Math.max(...distinct).toFixed(2)} ms`,
);

if (values['no-browser']) process.exit(0);
const browser = await benchInBrowser(text);
if (!browser) {
  console.log('Browser worker: skipped (no Chromium at /usr/bin/chromium or OTKLIK_CHROMIUM)');
} else {
  console.log(`Browser worker (${browser.version})`);
  console.log(
    `  dictionary and rules loaded in the worker: ${browser.loadMs.toFixed(0)} ms (target ≤ 1 s)`,
  );
  console.log(
    `  added memory, Chromium process tree RSS: ${mb(browser.addedBytes)} MB for dictionary and rules (target ≤ 80 MB), ${mb(browser.workerBytes)} MB for the empty worker with the engine's code`,
  );
  console.log(
    `  check, same reply after warm-up: median ${browser.medianMs.toFixed(2)} ms, max ${browser.maxMs.toFixed(2)} ms`,
  );
}
