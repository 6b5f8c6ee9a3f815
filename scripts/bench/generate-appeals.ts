// Fills a database with generated appeals for the inbox benchmark (not for production data).
// Usage: npm run bench:generate -- --appeals 1000000 [--interactions-per-appeal 5]
//          [--clients N] [--operators 50] [--years 3] [--seed 2026] [--batch 5000]
//          [--database-url postgres://…] [--data DIR]
// The database must have no appeals yet. A run that fails half-way leaves an unusable database.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { DEMO_PASSWORD } from '../../db/seed/users';
import { formatLogins, seedDemo } from '../../db/seed';
import { hashPassword } from '../../src/lib/server/auth/password';
import { systemClock } from '../../src/lib/server/clock';
import { connect, type Db } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { appBus } from '../../src/lib/server/events/bus';
import {
  findUserByEmail,
  insertUser,
  replaceRoles,
  replaceUnits,
} from '../../src/lib/server/users/users.queries';
import type { BulkWriter } from './inbox/bulk';
import { addMetricsExtras } from './inbox/metrics-extras';
import { World, type RegistryRow, type Staff } from './inbox/model';
import { person } from './inbox/people';
import { PgBulk } from './inbox/pg-bulk';
import { Rng } from './inbox/random';
import { SqliteBulk } from './inbox/sqlite-bulk';
import { benchTarget } from './inbox/target';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '1000000' },
    'interactions-per-appeal': { type: 'string', default: '5' },
    clients: { type: 'string' },
    operators: { type: 'string', default: '50' },
    years: { type: 'string', default: '3' },
    seed: { type: 'string', default: '2026' },
    batch: { type: 'string', default: '5000' },
    data: { type: 'string' },
    'database-url': { type: 'string' },
  },
});

function positive(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} must be a positive number, got «${raw}»`);
    process.exit(2);
  }
  return n;
}

const appeals = Math.round(positive('appeals', values.appeals));
const perAppeal = positive('interactions-per-appeal', values['interactions-per-appeal']);
const clients = Math.round(
  positive('clients', values.clients ?? String(Math.max(1000, appeals * 0.3))),
);
const operators = Math.round(positive('operators', values.operators));
const years = positive('years', values.years);
const seed = Math.round(positive('seed', values.seed));
const batchSize = Math.round(positive('batch', values.batch));
const target = benchTarget(values);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** How the generated operators are spread over the demo units (the rest go to the first). */
const OPERATOR_SHARE: [string, number][] = [
  ['Отдел по работе с обращениями граждан', 0.24],
  ['Отдел общего образования', 0.32],
  ['Отдел дополнительного образования и воспитания', 0.14],
  ['Отдел государственных услуг и лицензирования', 0.16],
  ['Управление делами', 0.08],
  ['Пресс-служба', 0.02],
  ['Отдел информатизации', 0.04],
];

async function addOperators(db: Db, units: Map<string, number>): Promise<void> {
  const rng = new Rng(seed + 1);
  const hash = await hashPassword(DEMO_PASSWORD);
  const plan = OPERATOR_SHARE.flatMap(([unit, share]) =>
    Array.from({ length: Math.max(1, Math.round(share * operators)) }, () => unit),
  ).slice(0, operators);
  let created = 0;
  for (const [i, unit] of plan.entries()) {
    const email = `operator${String(i + 1).padStart(2, '0')}@otklik.example`;
    if (await findUserByEmail(db, email)) continue;
    const p = person(rng);
    await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, {
        email,
        name: [p.surname, p.firstName, p.patronymic].filter(Boolean).join(' '),
        position: 'Специалист-эксперт',
        password_hash: hash,
        locale: 'ru',
        active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: new Date().toISOString(),
      });
      await replaceRoles(trx, id, ['operator']);
      const own = units.get(unit)!;
      const second = i % 10 === 0 ? units.get(OPERATOR_SHARE[0]![0]) : undefined;
      await replaceUnits(trx, id, second && second !== own ? [own, second] : [own]);
    });
    created++;
  }
  log(`Operators: ${created} created (${plan.length} planned), password ${DEMO_PASSWORD}`);
}

async function nextId(
  db: Db,
  table: 'clients' | 'client_contacts' | 'appeals' | 'interactions' | 'outbox',
) {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('id').as('max'))
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0) + 1;
}

async function prepare() {
  const db = connect(target);
  try {
    await migrateToLatest(db);
    const existing = await db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new Error(
        `${target.label} already holds ${existing.n} appeals; generate into an empty database`,
      );
    }
    const report = await seedDemo({ db, clock: systemClock, bus: appBus() });
    log(
      `Seed: ${report.created.units} units, ${report.created.users} users, ${report.created.registryRows} registry rows`,
    );
    log(formatLogins(report));
    const units = new Map(
      (await db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]),
    );
    await addOperators(db, units);
    const registry: RegistryRow[] = await db
      .selectFrom('registry_rows as r')
      .innerJoin('processes as p', 'p.id', 'r.process_id')
      .innerJoin('touchpoints as t', 't.id', 'r.touchpoint_id')
      .select(['p.id as processId', 'p.name as processName', 't.id as touchpointId', 't.channel'])
      .orderBy('r.id')
      .execute();
    const staffRows = await db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .innerJoin('user_units as uu', 'uu.user_id', 'u.id')
      .select(['u.id', 'u.name', 'uu.unit_id'])
      .where('r.role', '=', 'operator')
      .orderBy('u.id')
      .execute();
    const operatorsByUnit = new Map<number, Staff[]>();
    for (const s of staffRows) {
      const list = operatorsByUnit.get(s.unit_id) ?? [];
      list.push({ id: s.id, name: s.name });
      operatorsByUnit.set(s.unit_id, list);
    }
    const counters = new Map(
      (await db.selectFrom('appeal_counters').selectAll().execute()).map((c) => [c.year, c.last]),
    );
    const firstIds = {
      client: await nextId(db, 'clients'),
      contact: await nextId(db, 'client_contacts'),
      appeal: await nextId(db, 'appeals'),
      interaction: await nextId(db, 'interactions'),
      outbox: await nextId(db, 'outbox'),
    };
    return { units, registry, operatorsByUnit, counters, firstIds };
  } finally {
    await db.destroy();
  }
}

function fileSize(file: string): number {
  return [file, `${file}-wal`].reduce(
    (sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0),
    0,
  );
}

async function databaseSize(): Promise<number> {
  if (target.sqlitePath) return fileSize(target.sqlitePath);
  const db = connect(target);
  try {
    const { rows } = await sql<{
      size: string;
    }>`select pg_database_size(current_database()) as size`.execute(db);
    return Number(rows[0]!.size);
  } finally {
    await db.destroy();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const started = performance.now();
  log(`Target: ${target.label}`);
  log(
    `Plan: ${fmt(appeals)} appeals, ~${perAppeal} interactions each, ${fmt(clients)} clients, ${operators} operators, ${years} years`,
  );
  const setup = await prepare();
  const fallbackUnitId = setup.units.get(OPERATOR_SHARE[0]![0]);
  if (fallbackUnitId == null) throw new Error('The demo units are missing after the seed');
  const world = new World({
    seed,
    now: Date.now(),
    years,
    appeals,
    perAppeal,
    registry: setup.registry,
    unitIds: setup.units,
    operatorsByUnit: setup.operatorsByUnit,
    fallbackUnitId,
    firstIds: setup.firstIds,
    counters: setup.counters,
  });
  const writer: BulkWriter = target.postgresUrl
    ? new PgBulk(target.postgresUrl)
    : new SqliteBulk(target.sqlitePath!);
  const totals = { clients: 0, contacts: 0, appeals: 0, interactions: 0, outbox: 0 };
  try {
    await writer.begin();
    let t = performance.now();
    for (const chunk of world.clients(clients, 20_000)) {
      await writer.clients(chunk.clients, chunk.contacts);
      totals.clients += chunk.clients.length;
      totals.contacts += chunk.contacts.length;
    }
    log(
      `Clients: ${fmt(totals.clients)} with ${fmt(totals.contacts)} contacts in ${secs(performance.now() - t)}`,
    );
    t = performance.now();
    let lastReport = t;
    for (const batch of world.appeals(batchSize)) {
      await writer.appeals(batch);
      totals.appeals += batch.appeals.length;
      totals.interactions += batch.interactions.length;
      totals.outbox += batch.outbox.length;
      const now = performance.now();
      if (now - lastReport > 5000 || totals.appeals === appeals) {
        const s = (now - t) / 1000;
        log(
          `  appeals ${fmt(totals.appeals)}/${fmt(appeals)} (${((100 * totals.appeals) / appeals).toFixed(0)}%)` +
            `, interactions ${fmt(totals.interactions)}` +
            ` — ${fmt(totals.appeals / s)} appeals/s, ${fmt(totals.interactions / s)} interactions/s`,
        );
        lastReport = now;
      }
    }
    const loaded = performance.now();
    log(`Appeals loaded in ${secs(loaded - t)}; rebuilding indexes and statistics…`);
    let stepAt = performance.now();
    let stepName = '';
    await writer.finish(world.counters, (what) => {
      const now = performance.now();
      if (stepName) log(`  ${stepName}: ${secs(now - stepAt)}`);
      stepName = what;
      stepAt = now;
    });
    log(`  ${stepName}: ${secs(performance.now() - stepAt)}`);
  } finally {
    await writer.close();
  }
  // Survey links, answers and calls for the metrics benchmark (issue 12), added over the appeals.
  const extrasDb = connect(target);
  try {
    await addMetricsExtras(extrasDb, log);
  } finally {
    await extrasDb.destroy();
  }
  const size = await databaseSize();
  console.log(
    [
      `Generated into ${target.label}:`,
      `  clients ${fmt(totals.clients)}, contacts ${fmt(totals.contacts)}, appeals ${fmt(totals.appeals)},` +
        ` interactions ${fmt(totals.interactions)}, outbox ${fmt(totals.outbox)}`,
      `  total time ${secs(performance.now() - started)}, database size ${(size / 2 ** 30).toFixed(2)} GiB`,
    ].join('\n'),
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
