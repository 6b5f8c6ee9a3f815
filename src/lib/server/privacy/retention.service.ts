import {
  ANON_FILE,
  ANON_NAME,
  ANON_TEXT,
  retentionCutoff,
  scrubAnswers,
  scrubMeta,
} from '../../domain/privacy/retention';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { removeAttachment } from '../files/attachment-store';
import { referencedAmong } from '../files/references.queries';
import { indexAppeals } from '../search/appeal-search';
import { markRetentionRun, privacySettings } from './settings.service';

/** Appeals (and clients) anonymised per transaction: short transactions, steady progress. */
const BATCH = 200;

export interface RetentionReport {
  dryRun: boolean;
  years: number;
  cutoff: string;
  appeals: number;
  clients: number;
  files: number;
}

/** Closed before the cutoff and not anonymised yet. */
function dueAppeals(db: Db, cutoff: string) {
  return db
    .selectFrom('appeals as a')
    .where('a.status', '=', 'closed')
    .where('a.closed_at', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('anonymized_appeals as x')
            .select('x.appeal_id')
            .whereRef('x.appeal_id', '=', 'a.id'),
        ),
      ),
    );
}

/**
 * Clients whose every appeal is closed before the cutoff (a recent appeal keeps the profile), and
 * clients merged into one already anonymised (a merge leaves the source's name behind).
 */
function dueClients(db: Db, cutoff: string) {
  return db.selectFrom('clients as c').where((eb) => {
    const { not, exists, selectFrom, and, or } = eb;
    return and([
      not(
        exists(
          selectFrom('anonymized_clients as x')
            .select('x.client_id')
            .whereRef('x.client_id', '=', 'c.id'),
        ),
      ),
      or([
        and([
          exists(selectFrom('appeals as a').select('a.id').whereRef('a.client_id', '=', 'c.id')),
          not(
            exists(
              selectFrom('appeals as a')
                .select('a.id')
                .whereRef('a.client_id', '=', 'c.id')
                .where((w) =>
                  w.or([
                    w('a.status', '<>', 'closed'),
                    w('a.closed_at', 'is', null),
                    w('a.closed_at', '>=', cutoff),
                  ]),
                ),
            ),
          ),
        ]),
        eb('c.merged_into', 'in', selectFrom('anonymized_clients').select('client_id')),
      ]),
    ]);
  });
}

async function anonymizeAppeals(trx: Db, ids: number[], now: string): Promise<string[]> {
  await trx
    .updateTable('appeals')
    .set({ subject: ANON_TEXT, tracking_token: null })
    .where('id', 'in', ids)
    .execute();
  const items = await trx
    .selectFrom('interactions')
    .select(['id', 'meta'])
    .where('appeal_id', 'in', ids)
    .execute();
  const itemIds = items.map((i) => i.id);
  if (itemIds.length) {
    await trx
      .updateTable('interactions')
      .set((eb) => ({
        text: eb.case().when('text', 'is not', null).then(ANON_TEXT).else(null).end(),
        subject: eb.case().when('subject', 'is not', null).then(ANON_TEXT).else(null).end(),
      }))
      .where('appeal_id', 'in', ids)
      .execute();
    for (const item of items) {
      const meta = JSON.stringify(
        scrubMeta(JSON.parse(item.meta || '{}') as Record<string, unknown>),
      );
      await trx.updateTable('interactions').set({ meta }).where('id', '=', item.id).execute();
    }
  }
  const files: string[] = [];
  if (itemIds.length) {
    const attachments = await trx
      .selectFrom('attachments')
      .select('sha256')
      .where('interaction_id', 'in', itemIds)
      .execute();
    files.push(...attachments.flatMap((a) => (a.sha256 ? [a.sha256] : [])));
    await trx
      .updateTable('attachments')
      .set({ name: ANON_FILE, sha256: null, notice: ANON_TEXT })
      .where('interaction_id', 'in', itemIds)
      .execute();
  }
  const letters = await trx
    .selectFrom('outgoing_letters')
    .select('file_sha256')
    .where('appeal_id', 'in', ids)
    .execute();
  files.push(...letters.flatMap((l) => (l.file_sha256 ? [l.file_sha256] : [])));
  await trx
    .updateTable('outgoing_letters')
    .set({ addressee: ANON_NAME, file_sha256: null })
    .where('appeal_id', 'in', ids)
    .execute();

  const calls = await trx.selectFrom('calls').select('id').where('appeal_id', 'in', ids).execute();
  if (calls.length) {
    const callIds = calls.map((c) => c.id);
    await trx
      .updateTable('calls')
      .set((eb) => ({
        caller_number: null,
        caller_phone: null,
        draft: null,
        topic: eb.case().when('topic', 'is not', null).then(ANON_TEXT).else(null).end(),
        notes: eb.case().when('notes', 'is not', null).then(ANON_TEXT).else(null).end(),
      }))
      .where('id', 'in', callIds)
      .execute();
    await trx
      .updateTable('telephony_events')
      .set({ payload: '{}' })
      .where('call_id', 'in', callIds)
      .execute();
  }

  const responses = await trx
    .selectFrom('survey_responses as r')
    .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
    .select(['r.id', 'r.answers', 'q.questions'])
    .where('r.appeal_id', 'in', ids)
    .execute();
  for (const r of responses) {
    const questions = JSON.parse(r.questions) as { key: string; kind: string }[];
    const textKeys = new Set(questions.filter((q) => q.kind === 'text').map((q) => q.key));
    const answers = scrubAnswers(JSON.parse(r.answers) as Record<string, unknown>, textKeys);
    await trx
      .updateTable('survey_responses')
      .set((eb) => ({
        answers: JSON.stringify(answers),
        comment: eb.case().when('comment', 'is not', null).then(ANON_TEXT).else(null).end(),
      }))
      .where('id', '=', r.id)
      .execute();
  }
  await trx
    .insertInto('anonymized_appeals')
    .values(ids.map((appeal_id) => ({ appeal_id, at: now })))
    .execute();
  return files;
}

async function anonymizeClients(trx: Db, ids: number[], now: string): Promise<void> {
  await trx
    .updateTable('clients')
    .set({
      surname: ANON_NAME,
      first_name: null,
      patronymic: null,
      organization: null,
      accessibility: '[]',
      accessibility_note: null,
      preferred_channel: null,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .execute();
  await trx.deleteFrom('client_contacts').where('client_id', 'in', ids).execute();
  await trx
    .updateTable('calls')
    .set({ caller_number: null, caller_phone: null })
    .where('client_id', 'in', ids)
    .execute();
  await trx
    .insertInto('anonymized_clients')
    .values(ids.map((client_id) => ({ client_id, at: now })))
    .execute();
  // Their names and contacts leave the search index with them.
  const appeals = await trx
    .selectFrom('appeals')
    .select('id')
    .where('client_id', 'in', ids)
    .execute();
  await indexAppeals(
    trx,
    appeals.map((a) => a.id),
  );
}

/** Files no row refers to any more are deleted from disk (identical files share one copy). */
async function deleteOrphanFiles(db: Db, candidates: string[]): Promise<number> {
  const unique = [...new Set(candidates)];
  const used = await referencedAmong(db, unique);
  let deleted = 0;
  for (const sha256 of unique) {
    if (used.has(sha256)) continue;
    await removeAttachment(sha256);
    deleted++;
  }
  return deleted;
}

/**
 * Anonymises what is past the retention period: appeals closed more than N years ago lose their
 * texts, subjects, attachments and the identifying parts of calls and survey answers; clients
 * whose every appeal is that old lose names and contacts. Numbers, dates, touchpoint, process,
 * unit and status stay, so metrics keep their values. Repeating it changes nothing.
 */
export async function runRetention(
  ctx: ServiceContext,
  actor: Actor,
  opts: { dryRun?: boolean } = {},
): Promise<RetentionReport> {
  assertRole(actor, ['admin']);
  const { retentionYears } = await privacySettings(ctx.db);
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const cutoff = retentionCutoff(nowDate, retentionYears).toISOString();
  const report: RetentionReport = {
    dryRun: opts.dryRun === true,
    years: retentionYears,
    cutoff,
    appeals: 0,
    clients: 0,
    files: 0,
  };
  if (report.dryRun) {
    const [a, c] = await Promise.all([
      dueAppeals(ctx.db, cutoff)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      dueClients(ctx.db, cutoff)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { ...report, appeals: Number(a.n), clients: Number(c.n) };
  }

  for (;;) {
    const ids = (
      await dueClients(ctx.db, cutoff).select('c.id').orderBy('c.id').limit(BATCH).execute()
    ).map((r) => r.id);
    if (!ids.length) break;
    await inTransaction(ctx, (trx) => anonymizeClients(trx, ids, now));
    report.clients += ids.length;
  }
  const files: string[] = [];
  for (;;) {
    const ids = (
      await dueAppeals(ctx.db, cutoff).select('a.id').orderBy('a.id').limit(BATCH).execute()
    ).map((r) => r.id);
    if (!ids.length) break;
    files.push(
      ...(await inTransaction(ctx, async (trx) => {
        const gone = await anonymizeAppeals(trx, ids, now);
        await indexAppeals(trx, ids);
        return gone;
      })),
    );
    report.appeals += ids.length;
  }
  report.files = await deleteOrphanFiles(ctx.db, files);
  // Addresses kept only to limit acknowledgements and submissions per sender.
  await ctx.db.deleteFrom('ack_log').where('sent_at', '<', cutoff).execute();
  await ctx.db.deleteFrom('webform_submissions').where('at', '<', cutoff).execute();
  await markRetentionRun(ctx.db, now);
  await recordAudit(ctx.db, nowDate, actor, {
    action: 'privacy.retention',
    entity: 'privacy_settings',
    entityId: 1,
    details: { ...report },
  });
  return report;
}
