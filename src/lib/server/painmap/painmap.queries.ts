import type { ExpressionBuilder } from 'kysely';
import {
  COMPLAINT_STEMS,
  REPEAT_WINDOW_DAYS,
  findRepeats,
  isComplaintTopic,
  painKey,
  surveySeverity,
  SEVERITY,
  type Signal,
} from '../../domain/painmap';
import type { Db } from '../db';
import type { Database } from '../db/schema';

const DAY = 86_400_000;

/** A time window, both ends inclusive of `from`, `to` exclusive unless `toInclusive`. */
export interface Window {
  from: string;
  to: string;
  toInclusive?: boolean;
}

/** One pain point only (touchpoint × process), for an action's effect; null process = «not set». */
export interface Only {
  touchpointId: number;
  processId: number | null;
}

/** How the classifier writes a negative mood into `appeal_deadlines.decisions` (JSON.stringify order). */
const NEGATIVE_MOOD = '%"kind":"mood","value":"negative"%';

/** SQLite's LIKE folds ASCII case only, PostgreSQL's none: try the usual spellings of each stem. */
function stemPatterns(): string[] {
  return COMPLAINT_STEMS.flatMap((s) => [
    `%${s}%`,
    `%${s[0]!.toUpperCase()}${s.slice(1)}%`,
    `%${s.toUpperCase()}%`,
  ]);
}

function inWindow<T extends keyof Database>(table: T, w: Window) {
  return (eb: ExpressionBuilder<Database, T>) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const col = `${table}.created_at` as any;
    return eb.and([eb(col, '>=', w.from), eb(col, w.toInclusive ? '<=' : '<', w.to)]);
  };
}

function onlyAppeals(only: Only) {
  return (eb: ExpressionBuilder<Database, 'appeals'>) =>
    eb.and([
      eb('appeals.touchpoint_id', '=', only.touchpointId),
      only.processId == null
        ? eb('appeals.process_id', 'is', null)
        : eb('appeals.process_id', '=', only.processId),
    ]);
}

/** Negative survey answers (rating ≤ 2 or not resolved) about a known touchpoint. */
export async function surveySignals(db: Db, w: Window, only?: Only): Promise<Signal[]> {
  let q = db
    .selectFrom('survey_responses')
    .leftJoin('appeals', 'appeals.id', 'survey_responses.appeal_id')
    .select([
      'survey_responses.id',
      'survey_responses.touchpoint_id',
      'survey_responses.process_id',
      'survey_responses.rating',
      'survey_responses.resolved',
      'survey_responses.comment',
      'survey_responses.created_at',
      'appeals.id as appealId',
      'appeals.client_id',
      'appeals.process_id as appealProcessId',
    ])
    .where(inWindow('survey_responses', w))
    .where('survey_responses.touchpoint_id', 'is not', null)
    .where((eb) =>
      eb.or([eb('survey_responses.rating', '<=', 2), eb('survey_responses.resolved', '=', 0)]),
    );
  if (only) {
    q = q.where('survey_responses.touchpoint_id', '=', only.touchpointId);
  }
  const rows = await q.execute();
  const out: Signal[] = [];
  for (const r of rows) {
    const severity = surveySeverity(r);
    if (severity == null) continue;
    const processId = r.process_id ?? r.appealProcessId ?? null;
    if (only && processId !== only.processId) continue;
    out.push({
      kind: 'survey',
      touchpointId: r.touchpoint_id!,
      processId,
      clientKey: r.client_id != null ? `c:${r.client_id}` : `r:${r.id}`,
      appealId: null,
      at: r.created_at,
      severity,
      rating: r.rating,
      resolved: r.resolved,
      comment: r.comment,
    });
  }
  return out;
}

/** Appeals the classifier read as negative, or whose subject or process is a complaint. */
export async function complaintSignals(db: Db, w: Window, only?: Only): Promise<Signal[]> {
  const patterns = stemPatterns();
  const complaintProcesses = (await db.selectFrom('processes').select(['id', 'name']).execute())
    .filter((p) => isComplaintTopic(p.name))
    .map((p) => p.id);
  const rows = await db
    .selectFrom('appeals')
    .leftJoin('appeal_deadlines', 'appeal_deadlines.appeal_id', 'appeals.id')
    .select([
      'appeals.id',
      'appeals.client_id',
      'appeals.touchpoint_id',
      'appeals.process_id',
      'appeals.subject',
      'appeals.created_at',
    ])
    .where(inWindow('appeals', w))
    .$if(!!only, (q) => q.where(onlyAppeals(only!)))
    .where((eb) =>
      eb.or([
        eb('appeal_deadlines.decisions', 'like', NEGATIVE_MOOD),
        ...patterns.map((p) => eb('appeals.subject', 'like', p)),
        ...(complaintProcesses.length ? [eb('appeals.process_id', 'in', complaintProcesses)] : []),
      ]),
    )
    .execute();
  return rows.map((a) => ({
    kind: 'complaint' as const,
    touchpointId: a.touchpoint_id,
    processId: a.process_id,
    clientKey: `c:${a.client_id}`,
    appealId: a.id,
    at: a.created_at,
    severity: SEVERITY.complaint,
  }));
}

/**
 * Repeat contacts (seed 000 §3.5): appeals in the window whose client wrote about the same process
 * within the previous 7 days. Only clients with two such appeals are read back from the database.
 */
export async function repeatSignals(db: Db, w: Window, only?: Only): Promise<Signal[]> {
  if (only && only.processId == null) return [];
  const from = new Date(Date.parse(w.from) - REPEAT_WINDOW_DAYS * DAY).toISOString();
  const wide: Window = { ...w, from };
  const pairs = db
    .selectFrom('appeals')
    .select(['client_id', 'process_id'])
    .where(inWindow('appeals', wide))
    .where('process_id', 'is not', null)
    .$if(!!only, (q) => q.where('process_id', '=', only!.processId!))
    .groupBy(['client_id', 'process_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .as('g');
  const rows = await db
    .selectFrom('appeals')
    .innerJoin(pairs, (j) =>
      j
        .onRef('g.client_id', '=', 'appeals.client_id')
        .onRef('g.process_id', '=', 'appeals.process_id'),
    )
    .select([
      'appeals.id',
      'appeals.client_id',
      'appeals.touchpoint_id',
      'appeals.process_id',
      'appeals.created_at',
    ])
    .where(inWindow('appeals', wide))
    .execute();
  const repeats = findRepeats(
    rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      touchpointId: r.touchpoint_id,
      processId: r.process_id,
      createdAt: r.created_at,
    })),
  );
  return repeats
    .filter((r) => r.createdAt >= w.from)
    .filter((r) => !only || r.touchpointId === only.touchpointId)
    .map((r) => ({
      kind: 'repeat' as const,
      touchpointId: r.touchpointId,
      processId: r.processId,
      clientKey: `c:${r.clientId}`,
      appealId: r.id,
      at: r.createdAt,
      severity: SEVERITY.repeat,
    }));
}

export async function allSignals(db: Db, w: Window, only?: Only): Promise<Signal[]> {
  const [a, b, c] = [
    await surveySignals(db, w, only),
    await complaintSignals(db, w, only),
    await repeatSignals(db, w, only),
  ];
  return [...a, ...b, ...c];
}

/** Appeals created at one pain point in the window (the denominator of the effect's rates). */
export async function countAppeals(db: Db, w: Window, only: Only): Promise<number> {
  const r = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inWindow('appeals', w))
    .where(onlyAppeals(only))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every rating given about one pain point in the window. */
export async function ratingsOf(db: Db, w: Window, only: Only): Promise<number[]> {
  const rows = await db
    .selectFrom('survey_responses')
    .select('rating')
    .where(inWindow('survey_responses', w))
    .where('touchpoint_id', '=', only.touchpointId)
    .where((eb) =>
      only.processId == null ? eb('process_id', 'is', null) : eb('process_id', '=', only.processId),
    )
    .where('rating', 'is not', null)
    .execute();
  return rows.map((r) => r.rating!);
}

export async function fixabilityRows(db: Db) {
  return db.selectFrom('pain_point_settings').selectAll().execute();
}

export async function namesOf(db: Db, touchpointIds: number[], processIds: number[]) {
  const touchpoints = touchpointIds.length
    ? await db
        .selectFrom('touchpoints')
        .select(['id', 'name', 'channel'])
        .where('id', 'in', touchpointIds)
        .execute()
    : [];
  const processes = processIds.length
    ? await db
        .selectFrom('processes')
        .select(['id', 'name'])
        .where('id', 'in', processIds)
        .execute()
    : [];
  return {
    touchpoint: new Map(touchpoints.map((t) => [t.id, t])),
    process: new Map(processes.map((p) => [p.id, p.name])),
  };
}

export async function appealsByIds(db: Db, ids: number[]) {
  if (!ids.length)
    return new Map<number, { id: number; number: string; subject: string; createdAt: string }>();
  const rows = await db
    .selectFrom('appeals')
    .select(['id', 'number', 'subject', 'created_at as createdAt'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listActions(db: Db) {
  return db
    .selectFrom('improvement_actions')
    .innerJoin('users as owner', 'owner.id', 'improvement_actions.owner_id')
    .innerJoin('touchpoints', 'touchpoints.id', 'improvement_actions.touchpoint_id')
    .leftJoin('processes', 'processes.id', 'improvement_actions.process_id')
    .select([
      'improvement_actions.id',
      'improvement_actions.pain_key as key',
      'improvement_actions.touchpoint_id as touchpointId',
      'improvement_actions.process_id as processId',
      'improvement_actions.title',
      'improvement_actions.description',
      'improvement_actions.owner_id as ownerId',
      'owner.name as ownerName',
      'improvement_actions.due_date as dueDate',
      'improvement_actions.status',
      'improvement_actions.created_at as createdAt',
      'improvement_actions.done_at as doneAt',
      'touchpoints.name as touchpoint',
      'processes.name as process',
    ])
    .orderBy('improvement_actions.created_at', 'desc')
    .orderBy('improvement_actions.id', 'desc')
    .execute();
}

export async function activeUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
}

export { painKey };
