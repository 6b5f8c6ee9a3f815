// `npm run load [-- --minutes 5 --rate 50 --sockets 300 --kill B --kill-at 0.5 --keep]` (issue 13):
// two app nodes on one fresh PostgreSQL database and a private Redis, console tabs spread over
// both, a mixed HTTP load through a round-robin balancer; halfway one node is killed (SIGKILL).
// Reports per request type errors and p50/p95/p99 (targets: 0 errors, p95 ≤ 150 ms), the tabs'
// reconnection, memory and CPU per node, and whether every accepted submission and reply is
// stored exactly once.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Balancer } from './balancer';
import {
  cleanup,
  cpuPercent,
  freshDatabase,
  killNode,
  nodeErrors,
  privateRedis,
  resetCpu,
  sample,
  sharedEnv,
  snapshotBuild,
  startNode,
  type AppNode,
} from './cluster';
import { HttpLoad, atRate, signIn, type Session } from './http-load';
import { mb, ms, pct, requestTable, table, type Killed } from './report';
import { Tabs } from './sockets';
import { appealIds, verify } from './verify';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const MINUTES = Number(arg('minutes', '5'));
const RATE = Number(arg('rate', '50'));
const SOCKETS = Number(arg('sockets', '300'));
const KILL = arg('kill', 'B').toUpperCase();
const KILL_AT = Number(arg('kill-at', '0.5'));
const KEEP = process.argv.includes('--keep');
const TARGET_P95 = 150;
/** The demo's console staff (db/seed/users.ts), each signed in from several browsers. */
const STAFF = [
  'operator@otklik.example',
  'supervisor@otklik.example',
  'petrov@otklik.example',
  'nikolaeva@otklik.example',
  'fedorova@otklik.example',
];
const SESSIONS_PER_USER = 6;
const DEMO_PASSWORD = 'otklik-demo-2026';

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the nodes…`);
    void cleanup().finally(() => process.exit(130));
  });
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const log = (text: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

async function main() {
  const loadStart = os.loadavg();
  const runId = String(Date.now()).slice(-9);
  log(`load average ${load(loadStart)} on ${os.cpus().length} cores; preparing…`);
  const snapshot = snapshotBuild();
  const databaseUrl = await freshDatabase(KEEP);
  const redisUrl = await privateRedis();
  const env = sharedEnv(databaseUrl, redisUrl);
  // The first node migrates and loads the demo agency; the second finds them done.
  const a = await startNode('A', snapshot, env);
  log(`node A ${a.url} (pid ${a.pid}) migrated and seeded ${databaseUrl.replace(/^.*\//, '')}`);
  const b = await startNode('B', snapshot, env);
  log(`node B ${b.url} (pid ${b.pid}); Redis ${redisUrl}`);
  const nodes: AppNode[] = [a, b];
  const lb = new Balancer(nodes);

  const sessions: Session[] = [];
  for (const email of STAFF)
    for (let i = 0; i < SESSIONS_PER_USER; i++)
      sessions.push(await signIn(lb.pick(), email, DEMO_PASSWORD));
  const http = new HttpLoad(lb, sessions, runId);
  await http.prime();
  http.outcomes.splice(0);

  const tabs = new Tabs(
    lb,
    sessions.map((s) => s.cookie),
    await appealIds(databaseUrl),
  );
  const openStarted = Date.now();
  await tabs.open(SOCKETS);
  const perNode = (name: string) => tabs.tabs.filter((t) => t.node === name && t.readyAt).length;
  log(
    `${sessions.length} sessions; ${tabs.connected()} tabs connected in ${Date.now() - openStarted} ms (A ${perNode('A')}, B ${perNode('B')})`,
  );

  for (const n of nodes) {
    sample(n);
    n.rss.first = n.rss.last;
    resetCpu(n);
  }
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let peakLoad = 0;
  const sampler = setInterval(() => {
    for (const n of nodes) sample(n);
    peakLoad = Math.max(peakLoad, os.loadavg()[0]!);
  }, 2000);
  const progress = setInterval(() => {
    const done = http.outcomes.length;
    const failed = http.outcomes.filter((o) => !o.ok).length;
    log(
      `${done} requests, ${failed} failed, ${http.inflight} in flight; tabs connected ${tabs.connected()}; RSS ${nodes.map((n) => `${n.name} ${n.alive && !n.killedAt ? mb(n.rss.last) : '—'}`).join(', ')}; load ${load(os.loadavg())}`,
    );
  }, 30_000);

  const victim = nodes.find((n) => n.name === KILL) ?? null;
  let killed: Killed | null = null;
  let tabsOnVictim = 0;
  let connectedAtKill = 0;
  const seconds = MINUTES * 60;
  log(
    `load: ${RATE} requests/s for ${seconds} s${victim ? `; node ${victim.name} is killed at ${Math.round(seconds * KILL_AT)} s` : ''}`,
  );
  const loadStarted = Date.now();
  await atRate(
    RATE,
    seconds,
    () => http.fire(),
    victim
      ? {
          fraction: KILL_AT,
          run: () => {
            tabsOnVictim = tabs.tabs.filter((t) => t.node === victim.name && t.readyAt).length;
            connectedAtKill = tabs.connected();
            killNode(victim);
            killed = { name: victim.name, at: victim.killedAt! };
            log(`SIGKILL node ${victim.name} (pid ${victim.pid}); ${tabsOnVictim} tabs were on it`);
          },
        }
      : undefined,
  );
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  for (let i = 0; i < 200 && http.inflight > 0; i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 3000));
  clearInterval(sampler);
  clearInterval(progress);
  lag.disable();
  for (const n of nodes) sample(n);
  const loadEnd = os.loadavg();

  const connectedAtEnd = tabs.connected();
  const lost = tabs.tabs.filter((t) => t.lostAt);
  const back = lost.filter((t) => t.reconnectMs !== null);
  const backMs = back.map((t) => t.reconnectMs!);
  tabs.close();
  lb.close();
  const checked = await verify(databaseUrl, runId, http.submitted);
  await cleanup();

  const { summary, text } = requestTable(http.outcomes, killed);
  const total = http.outcomes.length;
  const errors = summary.reduce((s, r) => s + r.errors, 0);
  const switchFailed = summary.reduce((s, r) => s + r.switchFailed, 0);
  const moved = summary.reduce((s, r) => s + r.moved, 0);
  const events = [...tabs.events.values()].reduce((s, n) => s + n, 0);

  console.log(
    `\n== Otklik load test: 2 nodes, PostgreSQL + Redis, ${RATE} req/s for ${MINUTES} min (${total} requests in ${loadSeconds.toFixed(0)} s), ${SOCKETS} tabs ==\n`,
  );
  console.log(text);
  for (const s of summary.filter((r) => r.firstErrors.length))
    console.log(`  ${s.kind} errors: ${s.firstErrors.join(' | ')}`);
  console.log(
    `\nrequests: ${total}, steady-state errors ${errors}; at the switch: ${switchFailed} failed (the node died under them: replies are not resent), ${moved} resent to the survivor and answered; peak ${http.peakInflight} in flight`,
  );
  if (victim && killed) {
    const k: Killed = killed;
    const downFor = lb.targets.find((t) => t.name === k.name)?.downSince;
    console.log(
      `balancer took node ${k.name} out ${downFor ? `${downFor - k.at} ms` : '—'} after the kill`,
    );
  }

  console.log(
    `\nsocket tabs: ${SOCKETS} opened; at the kill ${connectedAtKill} connected, ${tabsOnVictim} of them on node ${victim?.name ?? '—'}` +
      `\n  disconnected ${lost.length}, reconnected ${back.length} (time from the kill to ready: p50 ${ms(pct(backMs, 50))} ms, p95 ${ms(pct(backMs, 95))} ms, max ${ms(pct(backMs, 100))} ms), connected at the end ${connectedAtEnd} of ${SOCKETS}; connect errors ${tabs.connectErrors}` +
      `\n  events received ${events} (${[...tabs.events].map(([k, v]) => `${k} ${v}`).join(', ')}); commit → tab p50 ${ms(pct(tabs.latencies, 50))} ms, p95 ${ms(pct(tabs.latencies, 95))} ms, p99 ${ms(pct(tabs.latencies, 99))} ms`,
  );

  console.log(
    '\n' +
      table(
        ['node', 'RSS after start', 'peak RSS', 'RSS at end', 'CPU avg', 'state'],
        nodes.map((n) => [
          n.name,
          mb(n.rss.first),
          mb(n.rss.peak),
          mb(n.rss.last),
          `${cpuPercent(n).toFixed(0)} %`,
          n.killedAt
            ? `killed at ${((n.killedAt - loadStarted) / 1000).toFixed(0)} s`
            : 'ran to the end',
        ]),
      ),
  );
  for (const [name, errs] of nodeErrors) {
    if (!errs.length) continue;
    const kinds = new Map<string, number>();
    for (const e of errs) {
      const key = e.replace(/\d{4}-\d{6}/g, 'N').replace(/\d+/g, '#');
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    console.log(`  node ${name} logged ${errs.length} error line(s):`);
    for (const [k, n] of [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 5))
      console.log(`    ${n} × ${k}`);
  }
  console.log(
    `load average: start ${load(loadStart)}, end ${load(loadEnd)}, peak 1-min ${peakLoad.toFixed(2)} (${os.cpus().length} cores); load client event-loop delay p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms`,
  );

  const w = checked.webforms;
  const r = checked.replies;
  console.log(
    `\nstored (read back from PostgreSQL):` +
      `\n  web forms: ${w.succeeded} of ${w.sent} accepted; lost ${w.lost.length}, stored twice ${w.duplicated.length}; failed but stored ${w.storedAfterFailure}; appeals split ${checked.formAppealsSplit}` +
      `\n  replies:   ${r.succeeded} of ${r.sent} accepted; lost ${r.lost.length}, stored twice ${r.duplicated.length}; failed but stored ${r.storedAfterFailure}`,
  );
  if (w.lost.length + r.lost.length)
    console.log(`  lost: ${[...w.lost, ...r.lost].slice(0, 5).join(', ')}`);

  const worstP95 = Math.max(...summary.filter((s) => s.count).map((s) => s.p95));
  const nothingLost =
    !w.lost.length && !w.duplicated.length && !r.lost.length && !r.duplicated.length;
  const allBack = connectedAtEnd === SOCKETS;
  const pass = errors === 0 && worstP95 <= TARGET_P95 && nothingLost && allBack;
  console.log(
    `\nVERDICT ${pass ? 'PASS' : 'FAIL'}: steady-state errors ${errors} (target 0), worst p95 ${ms(worstP95)} ms (target ≤ ${TARGET_P95} ms), ` +
      `nothing lost ${nothingLost ? 'yes' : 'NO'}, tabs connected at the end ${connectedAtEnd}/${SOCKETS}; ` +
      `${switchFailed} request(s) failed while node ${victim?.name ?? '—'} died; load average ${load(loadEnd)} on ${os.cpus().length} cores`,
  );
  process.exit(pass ? 0 : 1);
}

main().catch(async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
