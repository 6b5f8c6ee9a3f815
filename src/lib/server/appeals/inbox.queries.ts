import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { OPEN_STATUSES } from '../../domain/appeals/status';
import type { Db } from '../db';
import type { Database } from '../db/schema';
import { isDense, whereMatches } from '../search/appeal-search';

export const QUEUES = [
  'mine',
  'unassigned',
  'units',
  'overdue',
  'waiting',
  'all',
  'closed',
] as const;
export type Queue = (typeof QUEUES)[number];
/** Queues whose size is shown; «all» and «closed» only grow and are not worth a count. */
export const COUNTED: readonly Queue[] = ['mine', 'unassigned', 'units', 'overdue', 'waiting'];

export interface InboxViewer {
  userId: number;
  unitIds: number[];
  now: string;
  /** Operators see their units, the common pool and their own work; supervisors see all. */
  scoped: boolean;
}

export interface InboxFilters {
  channel?: string | null;
  touchpointId?: number | null;
  processId?: number | null;
  status?: string | null;
  priority?: string | null;
  assigneeId?: number | null;
  from?: string | null;
  to?: string | null;
  q?: string | null;
}

type Eb = ExpressionBuilder<Database, 'appeals'>;

/**
 * Statuses as literals, not parameters: SQLite uses the partial indexes over open appeals
 * (migration 2026-11-25-1200) only when the query spells their condition the same way.
 */
const OPEN_LITERALS = OPEN_STATUSES.map((s) => sql.lit(s));

function queueCondition(eb: Eb, queue: Queue, v: InboxViewer) {
  const open = eb('appeals.status', 'in', OPEN_LITERALS);
  switch (queue) {
    case 'mine':
      return eb.and([eb('appeals.assignee_id', '=', v.userId), open]);
    case 'unassigned':
      return eb.and([eb('appeals.assignee_id', 'is', null), open]);
    case 'units':
      return eb.and([eb('appeals.unit_id', 'in', v.unitIds.length ? v.unitIds : [-1]), open]);
    case 'overdue':
      return eb.and([eb('appeals.answer_due_at', '<', v.now), open]);
    case 'waiting':
      return eb('appeals.status', '=', 'waiting');
    case 'closed':
      return eb('appeals.status', '=', 'closed');
    case 'all':
      return eb.lit(true);
  }
}

/**
 * The same rule as `maySeeAppeal`, as SQL. The unary `+` keeps SQLite from answering the OR
 * through other indexes: each queue's own (partial) index stays the plan and the scope is checked
 * on the rows it yields.
 */
function scopeCondition(eb: Eb, v: InboxViewer, queue: Queue) {
  // «Мои» and «Моих подразделений» hold only what the operator may see anyway.
  if (!v.scoped || queue === 'mine' || queue === 'units') return eb.lit(true);
  const units = v.unitIds.length ? v.unitIds : [-1];
  return sql<SqlBool>`(+appeals.assignee_id = ${v.userId} or +appeals.unit_id is null or +appeals.unit_id in (${sql.join(units)}))`;
}

function filterConditions(eb: Eb, f: InboxFilters) {
  const c = [];
  if (f.channel) c.push(eb('appeals.channel', '=', f.channel));
  if (f.touchpointId) c.push(eb('appeals.touchpoint_id', '=', f.touchpointId));
  if (f.processId) c.push(eb('appeals.process_id', '=', f.processId));
  if (f.status) c.push(eb('appeals.status', '=', f.status));
  if (f.priority) c.push(eb('appeals.priority', '=', f.priority));
  if (f.assigneeId) c.push(eb('appeals.assignee_id', '=', f.assigneeId));
  if (f.from) c.push(eb('appeals.created_at', '>=', f.from));
  if (f.to) c.push(eb('appeals.created_at', '<', f.to));
  return c;
}

export interface Cursor {
  at: string;
  id: number;
}

export const encodeCursor = (c: Cursor) => Buffer.from(`${c.at}|${c.id}`).toString('base64url');

export function decodeCursor(s: string | null | undefined): Cursor | null {
  if (!s) return null;
  const [at, id] = Buffer.from(s, 'base64url').toString().split('|');
  return at && Number.isInteger(Number(id)) ? { at, id: Number(id) } : null;
}

export interface InboxRow {
  id: number;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  touchpoint: string;
  client: string;
  accessibility: string[];
  assignee: string | null;
  lastActivityAt: string;
  createdAt: string;
  answerDueAt: string | null;
}

type PageInput = {
  queue: Queue;
  filters: InboxFilters;
  cursor: Cursor | null;
  limit: number;
  /** Search plan thresholds; tests shrink them to reach every plan on a small inbox. */
  tuning?: { denseMatches?: number; recentWindow?: number };
};

/** The queue after the cursor, newest activity first, read from `appeals` and its indexes alone. */
function queueSlice(db: Db, viewer: InboxViewer, input: PageInput) {
  let q = db
    .selectFrom('appeals')
    .select(['appeals.id', 'appeals.last_activity_at'])
    .where((eb) =>
      eb.and([
        queueCondition(eb, input.queue, viewer),
        scopeCondition(eb, viewer, input.queue),
        ...filterConditions(eb, input.filters),
      ]),
    );
  if (input.cursor) {
    const { at, id } = input.cursor;
    q = q.where((eb) =>
      eb.or([
        eb('appeals.last_activity_at', '<', at),
        eb.and([eb('appeals.last_activity_at', '=', at), eb('appeals.id', '<', id)]),
      ]),
    );
  }
  return q.orderBy('appeals.last_activity_at', 'desc').orderBy('appeals.id', 'desc');
}

/**
 * A common word matches a large share of a big inbox, and the page is almost always among the
 * most recent appeals: look there first (ids above the newest minus this many).
 */
export const RECENT_WINDOW = 20_000;

/** Ids of the page plus one (to tell whether more follow), in page order. */
async function pageIds(db: Db, viewer: InboxViewer, input: PageInput): Promise<number[]> {
  const query = input.filters.q?.trim();
  const want = input.limit + 1;
  if (!query) {
    return (await queueSlice(db, viewer, input).limit(want).execute()).map((r) => r.id);
  }
  // Whole words first: a common stem («школ») is one posting list, while the prefix «школ*»
  // merges every word that starts so. Only a page that whole words cannot fill — the user may
  // have stopped mid-word — is searched with the last word as a prefix.
  let top: Promise<number> | undefined;
  const newest = () => (top ??= newestId(db));
  for (const exact of [true, false]) {
    const dense = await isDense(db, query, input.tuning?.denseMatches, exact);
    const ids =
      (dense ? await recentPage(db, viewer, input, query, want, exact, await newest()) : null) ??
      (
        await queueSlice(db, viewer, input)
          .where(whereMatches(db, query, { dense, exact }))
          .limit(want)
          .execute()
      ).map((r) => r.id);
    if (!exact || ids.length === want) return ids;
  }
  return [];
}

async function newestId(db: Db): Promise<number> {
  const top = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(top?.id ?? 0);
}

/**
 * The page from the recent window alone, when that is provably the page: it is full, and no older
 * appeal was active after its last row (so none could rank above it). Otherwise null.
 */
async function recentPage(
  db: Db,
  viewer: InboxViewer,
  input: PageInput,
  query: string,
  want: number,
  exact: boolean,
  newest: number,
): Promise<number[] | null> {
  const floor = newest - (input.tuning?.recentWindow ?? RECENT_WINDOW);
  if (floor <= 0) return null;
  const rows = await queueSlice(db, viewer, input)
    .where('appeals.id', '>', floor)
    .where(whereMatches(db, query, { dense: true, aboveId: floor, exact }))
    .limit(want)
    .execute();
  const last = rows.at(-1);
  if (rows.length < want || !last) return null;
  const older = await db
    .selectFrom('appeals')
    .select('id')
    .where('last_activity_at', '>', last.last_activity_at)
    .where('id', '<=', floor)
    .limit(1)
    .executeTakeFirst();
  return older ? null : rows.map((r) => r.id);
}

/** One page of a queue, newest activity first, with keyset pagination (no OFFSET). */
export async function inboxPage(
  db: Db,
  viewer: InboxViewer,
  input: PageInput,
): Promise<{ rows: InboxRow[]; next: Cursor | null }> {
  const ids = await pageIds(db, viewer, input);
  const rows = ids.length
    ? await db
        .selectFrom('appeals')
        .innerJoin('touchpoints as t', 't.id', 'appeals.touchpoint_id')
        .innerJoin('clients as c', 'c.id', 'appeals.client_id')
        .leftJoin('users as u', 'u.id', 'appeals.assignee_id')
        .select([
          'appeals.id',
          'appeals.number',
          'appeals.subject',
          'appeals.status',
          'appeals.priority',
          'appeals.channel',
          't.name as touchpoint',
          'c.surname',
          'c.first_name',
          'c.patronymic',
          'c.organization',
          'c.accessibility',
          'u.name as assignee',
          'appeals.last_activity_at as lastActivityAt',
          'appeals.created_at as createdAt',
          'appeals.answer_due_at as answerDueAt',
        ])
        .where('appeals.id', 'in', ids)
        .orderBy('appeals.last_activity_at', 'desc')
        .orderBy('appeals.id', 'desc')
        .execute()
    : [];
  const page = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    touchpoint: r.touchpoint,
    client:
      [r.surname, r.first_name, r.patronymic].filter(Boolean).join(' ') || r.organization || '',
    accessibility: JSON.parse(r.accessibility) as string[],
    assignee: r.assignee,
    lastActivityAt: r.lastActivityAt,
    createdAt: r.createdAt,
    answerDueAt: r.answerDueAt,
  }));
  const last = page.at(-1);
  return {
    rows: page,
    next: rows.length > input.limit && last ? { at: last.lastActivityAt, id: last.id } : null,
  };
}

/** Sizes of the counted queues in one statement; each count reads its own index. */
export async function queueCounts(db: Db, viewer: InboxViewer): Promise<Record<string, number>> {
  const row: Record<string, unknown> = await db
    .selectNoFrom((eb) =>
      COUNTED.map((queue) =>
        eb
          .selectFrom('appeals')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where((e) => e.and([queueCondition(e, queue, viewer), scopeCondition(e, viewer, queue)]))
          .as(queue),
      ),
    )
    .executeTakeFirstOrThrow();
  return Object.fromEntries(COUNTED.map((queue) => [queue, Number(row[queue])]));
}

/** Open work assigned to this user: the size of their «Мои» queue. */
export async function mineCount(db: Db, userId: number): Promise<number> {
  const viewer: InboxViewer = { userId, unitIds: [], now: '', scoped: false };
  const row = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => queueCondition(eb, 'mine', viewer))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
