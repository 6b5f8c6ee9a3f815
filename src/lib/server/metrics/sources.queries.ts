import { sql } from 'kysely';
import type { SourceRecords } from '../../domain/metrics/compute';
import { REPEAT_WINDOW_DAYS } from '../../domain/metrics/definitions';
import { OPEN_STATUSES } from '../../domain/appeals/status';
import type { Db } from '../db';

const DAY_MS = 86_400_000;
const CHUNK = 500;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const OPEN = new Set<string>(OPEN_STATUSES);

// The partial index on interactions(at) holds replies and acknowledgements only; a planner uses it
// when the query repeats its condition word for word, values written out (SQLite does not match
// bound parameters against an index's WHERE).
export const REPLY_OR_ACK = sql<boolean>`kind in ('reply', 'ack')`;
const REPLY_OR_ACK_I = sql<boolean>`i.kind in ('reply', 'ack')`;
// Written so that no index serves it: the time range's index must drive these queries, not the
// long list of unanswered appeals (SQLite without statistics picks «answered_at IS NULL»).
const UNANSWERED = sql<boolean>`coalesce(a.answered_at, '') = ''`;

/** The appeal's slice: touchpoint, process, unit, assignee and channel as they are now. */
const appealDims = [
  'a.touchpoint_id as touchpointId',
  'a.process_id as processId',
  'a.unit_id as unitId',
  'a.assignee_id as operatorId',
  'a.channel',
] as const;

/**
 * The records whose events may fall in [fromIso, toIso): each query walks one index over that
 * range (created, first response, answered, closed, due, call start, survey, reply times).
 */
export async function loadSources(db: Db, fromIso: string, toIso: string): Promise<SourceRecords> {
  const [
    created,
    firstResponses,
    answered,
    closedUnanswered,
    overdue,
    ackRows,
    calls,
    links,
    responses,
    replyRows,
  ] = await Promise.all([
    db
      .selectFrom('appeals as a')
      .select(['a.id', 'a.client_id as clientId', 'a.created_at as createdAt', ...appealDims])
      .where('a.created_at', '>=', fromIso)
      .where('a.created_at', '<', toIso)
      .execute(),
    db
      .selectFrom('appeals as a')
      .select([
        'a.id',
        'a.created_at as createdAt',
        'a.first_response_at as firstResponseAt',
        ...appealDims,
      ])
      .where('a.first_response_at', '>=', fromIso)
      .where('a.first_response_at', '<', toIso)
      .execute(),
    db
      .selectFrom('appeals as a')
      .select([
        'a.created_at as createdAt',
        'a.answered_at as answeredAt',
        'a.answer_due_at as answerDueAt',
        'a.closed_at as closedAt',
        'a.status',
        ...appealDims,
      ])
      .where('a.answered_at', '>=', fromIso)
      .where('a.answered_at', '<', toIso)
      .execute(),
    db
      .selectFrom('appeals as a')
      .select([
        'a.answer_due_at as answerDueAt',
        'a.closed_at as closedAt',
        'a.status',
        ...appealDims,
      ])
      .where('a.closed_at', '>=', fromIso)
      .where('a.closed_at', '<', toIso)
      .where(UNANSWERED)
      .where('a.answer_due_at', 'is not', null)
      .execute(),
    db
      .selectFrom('appeals as a')
      .select([
        'a.answer_due_at as answerDueAt',
        'a.closed_at as closedAt',
        'a.status',
        ...appealDims,
      ])
      .where('a.answer_due_at', '>=', fromIso)
      .where('a.answer_due_at', '<', toIso)
      .where(UNANSWERED)
      .where('a.status', 'in', [...OPEN_STATUSES])
      .execute(),
    db
      .selectFrom('interactions')
      .select(['appeal_id as appealId'])
      .where(REPLY_OR_ACK)
      .where('kind', '=', 'ack')
      .where('at', '>=', fromIso)
      .where('at', '<', toIso)
      .execute(),
    db
      .selectFrom('calls as c')
      .leftJoin('appeals as a', 'a.id', 'c.appeal_id')
      .select([
        'c.id',
        'c.touchpoint_id as touchpointId',
        sql<number | null>`coalesce(c.process_id, a.process_id)`.as('processId'),
        'a.unit_id as unitId',
        'c.operator_id as operatorId',
        'c.started_at as startedAt',
        'c.logged_at as loggedAt',
        'c.outcome',
        'c.chk_greeted',
        'c.chk_asked_name',
        'c.chk_used_name',
        'c.chk_clarified',
        'c.chk_solution',
      ])
      .where('c.started_at', '>=', fromIso)
      .where('c.started_at', '<', toIso)
      .execute(),
    db
      .selectFrom('survey_links')
      .select([
        'touchpoint_id as touchpointId',
        'process_id as processId',
        'unit_id as unitId',
        'operator_id as operatorId',
        'channel',
        'created_at as createdAt',
      ])
      .where('created_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .execute(),
    db
      .selectFrom('survey_responses')
      .select([
        'touchpoint_id as touchpointId',
        'process_id as processId',
        'unit_id as unitId',
        'operator_id as operatorId',
        'channel',
        'created_at as createdAt',
        'rating',
        'resolved',
      ])
      .where('created_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .execute(),
    db
      .selectFrom('interactions as i')
      .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
      .select([
        'i.appeal_id as appealId',
        'i.id',
        'i.at',
        'i.meta',
        'i.author_id as authorId',
        'a.touchpoint_id as touchpointId',
        'a.process_id as processId',
        'a.unit_id as unitId',
        'a.channel',
      ])
      .where(REPLY_OR_ACK_I)
      .where('i.kind', '=', 'reply')
      .where('i.direction', '=', 'out')
      .where('i.at', '>=', fromIso)
      .where('i.at', '<', toIso)
      .execute(),
  ]);

  // Transfers per call, fetched by call id (a correlated subquery per call scanned the table).
  const transfersOf = new Map<number, { n: number; breach: number }>();
  for (const ids of chunks(calls.map((c) => c.id))) {
    const rows = await db
      .selectFrom('call_transfers')
      .select((eb) => [
        'call_id as callId',
        eb.fn.countAll<number>().as('n'),
        eb.fn.max<number>('breach').as('breach'),
      ])
      .where('call_id', 'in', ids)
      .groupBy('call_id')
      .execute();
    for (const r of rows) transfersOf.set(r.callId, { n: Number(r.n), breach: Number(r.breach) });
  }

  const src: SourceRecords = {
    created: created.map((a) => ({ ...a, clientId: a.clientId })),
    sameClients: [],
    acks: [],
    firstResponses: firstResponses.map((a) => ({ ...a, firstResponseAt: a.firstResponseAt! })),
    answers: answered.map((a) => ({ ...a, answeredAt: a.answeredAt! })),
    deadlines: [...answered, ...closedUnanswered, ...overdue].map((a) => ({
      ...a,
      answeredAt: 'answeredAt' in a ? (a.answeredAt as string | null) : null,
      open: OPEN.has(a.status),
    })),
    calls: calls.map((c) => ({
      touchpointId: c.touchpointId,
      processId: c.processId,
      unitId: c.unitId,
      operatorId: c.operatorId,
      channel: 'phone',
      startedAt: c.startedAt,
      transfers: transfersOf.get(c.id)?.n ?? 0,
      flaggedBreach: transfersOf.get(c.id)?.breach === 1,
      logged: c.loggedAt != null,
      outcome: c.outcome,
      checklist: [
        c.chk_greeted,
        c.chk_asked_name,
        c.chk_used_name,
        c.chk_clarified,
        c.chk_solution,
      ],
    })),
    links,
    responses,
    replies: [],
  };

  // Repeat contacts: the same clients' appeals from 7 days before the period.
  const clientIds = [...new Set(created.map((a) => a.clientId))];
  const since = new Date(Date.parse(fromIso) - REPEAT_WINDOW_DAYS * DAY_MS).toISOString();
  for (const ids of chunks(clientIds)) {
    const rows = await db
      .selectFrom('appeals')
      .select(['id', 'client_id as clientId', 'process_id as processId', 'created_at as createdAt'])
      .where('client_id', 'in', ids)
      .where('created_at', '>=', since)
      .where('created_at', '<', toIso)
      .execute();
    src.sameClients.push(...rows);
  }

  // Acknowledgements: appeals first answered or acknowledged in the period, with their first ack.
  const ackIds = [
    ...new Set([...firstResponses.map((a) => a.id), ...ackRows.map((r) => r.appealId)]),
  ];
  const firstAck = new Map<number, string>();
  for (const ids of chunks(ackIds)) {
    const rows = await db
      .selectFrom('interactions')
      .select(['appeal_id as appealId', (eb) => eb.fn.min<string>('at').as('at')])
      .where('appeal_id', 'in', ids)
      .where('kind', '=', 'ack')
      .groupBy('appeal_id')
      .execute();
    for (const r of rows) firstAck.set(r.appealId, r.at);
  }
  const known = new Map(firstResponses.map((a) => [a.id, a]));
  const missing = ackIds.filter((id) => !known.has(id));
  for (const ids of chunks(missing)) {
    const rows = await db
      .selectFrom('appeals as a')
      .select([
        'a.id',
        'a.created_at as createdAt',
        'a.first_response_at as firstResponseAt',
        ...appealDims,
      ])
      .where('a.id', 'in', ids)
      .execute();
    for (const r of rows) known.set(r.id, r);
  }
  for (const [id, a] of known) {
    src.acks.push({
      ...a,
      firstAckAt: firstAck.get(id) ?? null,
      firstResponseAt: a.firstResponseAt,
    });
  }

  // Replies: the appeal's previous reply and the templates inserted for it.
  const replyAppeals = [...new Set(replyRows.map((r) => r.appealId))];
  const repliesOf = new Map<number, { id: number; at: string }[]>();
  const usagesOf = new Map<number, string[]>();
  for (const ids of chunks(replyAppeals)) {
    const [all, usages] = await Promise.all([
      db
        .selectFrom('interactions')
        .select(['appeal_id as appealId', 'id', 'at'])
        .where('appeal_id', 'in', ids)
        .where('direction', '=', 'out')
        .where('kind', '=', 'reply')
        .where('at', '<', toIso)
        .execute(),
      db
        .selectFrom('template_usage')
        .select(['appeal_id as appealId', 'used_at as usedAt'])
        .where('appeal_id', 'in', ids)
        .where('used_at', '<', toIso)
        .execute(),
    ]);
    for (const r of all) {
      const list = repliesOf.get(r.appealId) ?? [];
      list.push(r);
      repliesOf.set(r.appealId, list);
    }
    for (const u of usages) {
      const list = usagesOf.get(u.appealId!) ?? [];
      list.push(u.usedAt);
      usagesOf.set(u.appealId!, list);
    }
  }
  for (const r of replyRows) {
    const before = (repliesOf.get(r.appealId) ?? [])
      .filter((o) => o.at < r.at || (o.at === r.at && o.id < r.id))
      .map((o) => o.at)
      .sort();
    src.replies.push({
      touchpointId: r.touchpointId,
      processId: r.processId,
      unitId: r.unitId,
      operatorId: r.authorId,
      channel: r.channel,
      at: r.at,
      meta: r.meta,
      previousReplyAt: before.at(-1) ?? null,
      usages: usagesOf.get(r.appealId) ?? [],
    });
  }
  return src;
}
