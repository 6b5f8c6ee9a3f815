import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { surveyUrl } from '../http/public-url';

/**
 * Survey links (seed 000 §3.4 и, issue 12): every reply, acknowledgement and logged call with a
 * known e-mail carries its own link. A link is 128 random bits, so it cannot be guessed.
 *
 * Replies: the appeal has one pending link (survey_pending_links) which the composer, the template
 * values and the gate all show; the reply that carries it moves it into survey_links with the
 * reply's interaction, and the appeal gets a fresh pending link for the next reply.
 */
export const newSurveyToken = () => randomBytes(16).toString('base64url');

const path = (token: string) => `/s/${token}`;

/**
 * The appeal's link for its next reply, created on first use. A reply sent meanwhile moves the
 * link away and a view may create one at the same moment, so it asks again until one is read.
 */
export async function pendingSurveyToken(
  db: Db,
  appealId: number,
  now: Date = new Date(),
): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const existing = await db
      .selectFrom('survey_pending_links')
      .select('token')
      .where('appeal_id', '=', appealId)
      .executeTakeFirst();
    if (existing) return existing.token;
    const made = await db
      .insertInto('survey_pending_links')
      .values({ appeal_id: appealId, token: newSurveyToken(), created_at: now.toISOString() })
      .onConflict((oc) => oc.column('appeal_id').doNothing())
      .returning('token')
      .executeTakeFirst();
    if (made) return made.token;
    if (attempt === 5) throw new Error(`no pending survey link for appeal ${appealId}`);
  }
}

/** The survey address the next reply to this appeal carries. */
export async function pendingSurveyUrl(db: Db, appealId: number): Promise<string> {
  return surveyUrl(await pendingSurveyToken(db, appealId));
}

/**
 * A reply drafted with a link that has already gone out (a colleague answered first, an old
 * `/s/<tracking token>` address, a text copied from an earlier reply) gets the pending link
 * instead, so that every reply carries a link of its own and the gate checks that link.
 */
export async function withCurrentSurveyLink(db: Db, appealId: number, text: string) {
  if (!text.includes('/s/')) return text;
  const [appeal, issued] = await Promise.all([
    db.selectFrom('appeals').select('tracking_token').where('id', '=', appealId).executeTakeFirst(),
    db.selectFrom('survey_links').select('token').where('appeal_id', '=', appealId).execute(),
  ]);
  const stale = [...issued.map((l) => l.token), appeal?.tracking_token].filter(
    (t): t is string => !!t && text.includes(path(t)),
  );
  if (!stale.length) return text;
  const pending = path(await pendingSurveyToken(db, appealId));
  return stale.reduce((t, token) => t.replaceAll(path(token), pending), text);
}

/** Where a link's figures belong: the appeal's touchpoint, process, unit and channel. */
async function dimensions(trx: Db, appealId: number, operatorId: number | null) {
  const appeal = await trx
    .selectFrom('appeals')
    .select(['touchpoint_id', 'process_id', 'unit_id', 'assignee_id', 'channel'])
    .where('id', '=', appealId)
    .executeTakeFirstOrThrow();
  const operator = operatorId ?? appeal.assignee_id;
  let unitId = appeal.unit_id;
  if (unitId == null && operator != null) {
    const unit = await trx
      .selectFrom('user_units')
      .select('unit_id')
      .where('user_id', '=', operator)
      .orderBy('unit_id')
      .executeTakeFirst();
    unitId = unit?.unit_id ?? null;
  }
  return {
    touchpoint_id: appeal.touchpoint_id,
    process_id: appeal.process_id,
    unit_id: unitId,
    operator_id: operator,
    channel: appeal.channel,
  };
}

export interface IssueInput {
  token: string;
  appealId: number;
  interactionId?: number | null;
  callId?: number | null;
  /** Who answered: the reply's author, the call's operator; the assignee when null. */
  operatorId: number | null;
  now: string;
}

/** Records a link that goes out with a message (in the caller's transaction). */
export async function issueSurveyLink(trx: Db, i: IssueInput): Promise<string> {
  await trx
    .insertInto('survey_links')
    .values({
      token: i.token,
      appeal_id: i.appealId,
      interaction_id: i.interactionId ?? null,
      call_id: i.callId ?? null,
      ...(await dimensions(trx, i.appealId, i.operatorId)),
      created_at: i.now,
    })
    .execute();
  return i.token;
}

/**
 * The reply just stored carries the appeal's pending link: it becomes that reply's link. Null when
 * the reply carries none (a supervisor let it go without). Two replies racing for one link: the
 * second is refused and its author sees why.
 */
export async function issueReplySurveyLink(
  trx: Db,
  r: {
    appealId: number;
    interactionId: number;
    text: string;
    operatorId: number | null;
    now: string;
  },
): Promise<string | null> {
  const pending = await trx
    .selectFrom('survey_pending_links')
    .select('token')
    .where('appeal_id', '=', r.appealId)
    .executeTakeFirst();
  if (!pending || !r.text.includes(path(pending.token))) return null;
  const claimed = await trx
    .deleteFrom('survey_pending_links')
    .where('appeal_id', '=', r.appealId)
    .where('token', '=', pending.token)
    .executeTakeFirst();
  if (!Number(claimed.numDeletedRows)) throw new DomainError('CONFLICT', 'surveys.linkTaken');
  return issueSurveyLink(trx, {
    token: pending.token,
    appealId: r.appealId,
    interactionId: r.interactionId,
    operatorId: r.operatorId,
    now: r.now,
  });
}

async function linkByToken(db: Db, token: string) {
  return db.selectFrom('survey_links').selectAll().where('token', '=', token).executeTakeFirst();
}

/**
 * The link behind a survey address. Addresses sent before links were per reply
 * (`/s/<tracking token>`) lead to the appeal's latest link, or to one made now for its latest
 * reply. Null for an unknown token.
 */
export async function resolveSurveyToken(db: Db, token: string, now: Date) {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const link = await linkByToken(db, token);
  if (link) return link;
  const appeal = await db
    .selectFrom('appeals')
    .select('id')
    .where('tracking_token', '=', token)
    .executeTakeFirst();
  if (!appeal) return null;
  const latest = await db
    .selectFrom('survey_links')
    .selectAll()
    .where('appeal_id', '=', appeal.id)
    .orderBy('created_at', 'desc')
    .orderBy('token')
    .executeTakeFirst();
  if (latest) return latest;
  const reply = await db
    .selectFrom('interactions')
    .select(['id', 'author_id'])
    .where('appeal_id', '=', appeal.id)
    .where('direction', '=', 'out')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  const made = await db.transaction().execute((trx) =>
    issueSurveyLink(trx, {
      token: newSurveyToken(),
      appealId: appeal.id,
      interactionId: reply?.id ?? null,
      operatorId: reply?.author_id ?? null,
      now: now.toISOString(),
    }),
  );
  return (await linkByToken(db, made))!;
}
