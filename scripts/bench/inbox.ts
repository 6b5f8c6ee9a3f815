// Benchmark (not a test) of what an operator waits for on a generated database
// (npm run bench:generate): inbox queue pages with counts, the appeal view, full-text search.
// Usage: npm run bench:inbox [-- --database-url postgres://…] [--data DIR] [--runs 40]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { OPEN_STATUSES } from '../../src/lib/domain/appeals/status';
import { QUEUES, type Queue } from '../../src/lib/server/appeals/inbox.queries';
import { inbox } from '../../src/lib/server/appeals/inbox.service';
import { appealView } from '../../src/lib/server/appeals/view.service';
import { systemClock } from '../../src/lib/server/clock';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { connect, type Db } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { appBus } from '../../src/lib/server/events/bus';
import { Rng } from './inbox/random';
import { benchTarget } from './inbox/target';
import { percentile } from './stats';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '3' },
    only: { type: 'string' },
    data: { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const runs = Math.max(1, Number(values.runs) || 40);
const warmup = Math.max(0, Number(values.warmup) || 0);
const target = benchTarget(values);
const groups = new Set((values.only ?? 'queue,view,search').split(','));

interface Result {
  group: 'queue' | 'view' | 'search';
  name: string;
  rows: string;
  ms: number[];
  /** This process's CPU time per run: on SQLite the query itself, whatever else runs on the machine. */
  cpu: number[];
}

const TARGETS = [
  { group: 'queue', label: 'inbox queue page (50 rows + counts)', p95: 50 },
  { group: 'view', label: 'appeal view with client history', p95: 100 },
  { group: 'search', label: 'full-text search in «all»', p95: 150 },
] as const;

async function time<T>(fn: () => Promise<T>): Promise<[number, number, T]> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000, out];
}

/** The generated operator with the most open appeals who belongs to a unit. */
async function busiestOperator(db: Db): Promise<{ id: number; name: string; units: number[] }> {
  const row = await db
    .selectFrom('appeals as a')
    .innerJoin('users as u', 'u.id', 'a.assignee_id')
    .select(['u.id', 'u.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.status', 'in', [...OPEN_STATUSES])
    .where('u.email', 'like', 'operator__@otklik.example')
    .where((eb) =>
      eb.exists(
        eb.selectFrom('user_units as uu').select('uu.unit_id').whereRef('uu.user_id', '=', 'u.id'),
      ),
    )
    .groupBy(['u.id', 'u.name'])
    .orderBy('n', 'desc')
    .executeTakeFirst();
  if (!row)
    throw new Error(`${target.label} has no generated operators: run npm run bench:generate first`);
  const units = await db
    .selectFrom('user_units')
    .select('unit_id')
    .where('user_id', '=', row.id)
    .execute();
  return { id: row.id, name: row.name, units: units.map((u) => u.unit_id) };
}

/**
 * Numbers of appeals the operator may open (their units, the common pool, their own) whose
 * clients wrote at least three times, in random order.
 */
async function repeatClientAppeals(
  db: Db,
  rng: Rng,
  count: number,
  op: { id: number; units: number[] },
): Promise<string[]> {
  const clients = await db
    .selectFrom('appeals')
    .select('client_id')
    .groupBy('client_id')
    .having((eb) => eb.fn.countAll(), '>=', 3)
    .execute();
  const numbers: string[] = [];
  while (numbers.length < count) {
    const rows = await db
      .selectFrom('appeals')
      .select('number')
      .where('client_id', '=', rng.pick(clients).client_id)
      .where((eb) =>
        eb.or([
          eb('assignee_id', '=', op.id),
          eb('unit_id', 'is', null),
          eb('unit_id', 'in', op.units),
        ]),
      )
      .execute();
    if (rows.length) numbers.push(rng.pick(rows).number);
  }
  return numbers;
}

async function searchTerms(db: Db, rng: Rng): Promise<string[]> {
  const someone = async (female: boolean) => {
    const r = await db
      .selectFrom('clients')
      .select('surname')
      .where('surname', 'like', female ? '%ова' : '%ов')
      .where('id', '>', rng.int(250_000))
      .limit(1)
      .executeTakeFirst();
    return r?.surname ?? 'Иванова';
  };
  const appeal = await db
    .selectFrom('appeals')
    .select(['number', 'client_id'])
    .where('id', '>', rng.int(900_000))
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const contacts = await db
    .selectFrom('client_contacts')
    .select(['kind', 'value'])
    .where('client_id', '=', appeal.client_id)
    .execute();
  const email = contacts.find((c) => c.kind === 'email')?.value;
  const phone = contacts.find((c) => c.kind === 'phone')?.value;
  return [
    'заявлением',
    'школы',
    'пособия',
    'детский сад',
    'лицензии',
    'путёвку в лагерь',
    'компенсация родительской платы',
    await someone(true),
    await someone(false),
    appeal.number,
    ...(email ? [email] : []),
    ...(phone ? [`8 ${phone.slice(2, 5)} ${phone.slice(5)}`] : []),
  ];
}

async function measure(
  group: Result['group'],
  name: string,
  fn: (i: number) => Promise<string>,
): Promise<Result> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  const cpu: number[] = [];
  let rows = '';
  for (let i = 0; i < runs; i++) {
    const [t, c, r] = await time(() => fn(warmup + i));
    ms.push(t);
    cpu.push(c);
    rows = r;
  }
  return { group, name, rows, ms, cpu };
}

async function databaseFacts(db: Db): Promise<string> {
  const count = async (table: 'appeals' | 'interactions' | 'clients') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [appeals, interactions, clients] = [
    await count('appeals'),
    await count('interactions'),
    await count('clients'),
  ];
  const { rows } = target.postgresUrl
    ? await sql<{ v: string }>`select version() as v`.execute(db)
    : await sql<{ v: string }>`select 'SQLite ' || sqlite_version() as v`.execute(db);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `${rows[0]!.v.split(' on ')[0]}; ${fmt(appeals)} appeals, ${fmt(interactions)} interactions, ${fmt(clients)} clients`;
}

async function main() {
  const db = connect(target);
  const ctx: ServiceContext = { db, clock: systemClock, bus: appBus() };
  const rng = new Rng(7);
  try {
    console.log(`Target: ${target.label}`);
    const started = performance.now();
    const applied = await migrateToLatest(db);
    if (applied.length) {
      const s = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Migrated the database first (${s} s): ${applied.join(', ')}`);
    }
    console.log(await databaseFacts(db));
    const op = await busiestOperator(db);
    const actor: Actor = { kind: 'user', userId: op.id, roles: ['operator'] };
    const results: Result[] = [];

    const first = await inbox(ctx, actor, { queue: 'all', filters: {}, cursor: null });
    console.log(
      `Operator ${op.name} (user ${op.id}, units ${op.units.join(', ')}); queue sizes: ${Object.entries(
        first.counts,
      )
        .map(([q, n]) => `${q} ${n}`)
        .join(', ')}`,
    );
    console.log(`Runs per operation: ${runs} after ${warmup} warm-up\n`);

    for (const queue of groups.has('queue') ? (QUEUES as readonly Queue[]) : []) {
      results.push(
        await measure('queue', `queue ${queue}`, async () => {
          const page = await inbox(ctx, actor, { queue, filters: {}, cursor: null });
          return `${page.rows.length}`;
        }),
      );
    }
    if (groups.has('queue')) {
      results.push(
        await measure('queue', 'queue all, page 2', async () => {
          const page = await inbox(ctx, actor, { queue: 'all', filters: {}, cursor: first.next });
          return `${page.rows.length}`;
        }),
      );
    }

    if (groups.has('view')) {
      const numbers = await repeatClientAppeals(db, rng, runs + warmup, op);
      results.push(
        await measure('view', 'appeal view (client with ≥ 3 appeals)', async (i) => {
          const view = await appealView(ctx, actor, numbers[i]!);
          return `${view.timeline.length} items, ${view.history.length} in history`;
        }),
      );
    }

    for (const q of groups.has('search') ? await searchTerms(db, rng) : []) {
      results.push(
        await measure('search', `search «${q}»`, async () => {
          const page = await inbox(ctx, actor, { queue: 'all', filters: { q }, cursor: null });
          return `${page.rows.length}${page.next ? '+' : ''}`;
        }),
      );
    }

    const width = Math.max(...results.map((r) => r.name.length), 9);
    const line = (cells: string[]) =>
      `${cells[0]!.padEnd(width)}  ${cells
        .slice(1)
        .map((c) => c.padStart(9))
        .join('  ')}`;
    console.log(line(['operation', 'p50 ms', 'p95 ms', 'max ms', 'cpu p50', 'cpu p95', 'rows']));
    for (const r of results) {
      const s = [...r.ms].sort((a, b) => a - b);
      const c = [...r.cpu].sort((a, b) => a - b);
      console.log(
        line([
          r.name,
          percentile(s, 0.5).toFixed(1),
          percentile(s, 0.95).toFixed(1),
          s.at(-1)!.toFixed(1),
          percentile(c, 0.5).toFixed(1),
          percentile(c, 0.95).toFixed(1),
          r.rows.length > 9 ? r.rows.slice(0, 9) : r.rows,
        ]),
      );
    }
    const load = os.loadavg()[0]!;
    console.log(
      `\nLoad average ${load.toFixed(1)} on ${os.availableParallelism()} cores during the run` +
        (target.postgresUrl ? '; cpu = this client process only, not the server' : ''),
    );
    console.log('');
    for (const t of TARGETS) {
      const group = results.filter((r) => r.group === t.group);
      if (!group.length) continue;
      const worst = group
        .map((r) => ({
          name: r.name,
          p95: percentile(
            [...r.ms].sort((a, b) => a - b),
            0.95,
          ),
        }))
        .sort((a, b) => b.p95 - a.p95)[0]!;
      const all = group.flatMap((r) => r.ms).sort((a, b) => a - b);
      const met = worst.p95 <= t.p95;
      console.log(
        `${met ? 'MET    ' : 'NOT MET'} ${t.label}: p95 ≤ ${t.p95} ms — worst ${worst.p95.toFixed(1)} ms (${worst.name}), all together p50 ${percentile(all, 0.5).toFixed(1)} / p95 ${percentile(all, 0.95).toFixed(1)} ms`,
      );
    }
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
