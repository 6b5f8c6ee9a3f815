// Survey links, survey answers and logged calls for the generated appeals, so that the metrics
// benchmark has satisfaction, response-rate and call figures to roll up. Runs after the appeals
// are loaded, in SQL over what is there: the appeals, interactions and outbox the generator wrote
// stay exactly as they were. Deterministic: the choices are taken from the ids.
import { sql } from 'kysely';
import type { Db } from '../../../src/lib/server/db/connect';

const PREFIX = 'bench-';

export async function hasMetricsExtras(db: Db): Promise<boolean> {
  const r = await db
    .selectFrom('survey_links')
    .select('token')
    .where('token', 'like', `${PREFIX}%`)
    .limit(1)
    .executeTakeFirst();
  return r != null;
}

/** Adds the rows; returns how many of each. Skips when a previous run added them. */
export async function addMetricsExtras(db: Db, log: (line: string) => void): Promise<void> {
  if (await hasMetricsExtras(db)) {
    log('Metrics extras: already there');
    return;
  }
  const now = new Date().toISOString();
  let q = await db
    .selectFrom('questionnaires')
    .select('id')
    .where('kind', '=', 'reply')
    .orderBy('id')
    .executeTakeFirst();
  if (!q) {
    q = await db
      .insertInto('questionnaires')
      .values({
        slug: 'bench-reply',
        title: 'Оценка ответа',
        intro: '',
        questions: '[]',
        kind: 'reply',
        active: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const t0 = performance.now();
  // Seed 000 §3.4 ж: a survey link in every reply.
  const links = await sql`
    insert into survey_links (token, appeal_id, interaction_id, call_id, touchpoint_id, process_id,
      unit_id, operator_id, channel, created_at)
    select ${PREFIX} || i.id, i.appeal_id, i.id, null, a.touchpoint_id, a.process_id, a.unit_id,
      i.author_id, a.channel, i.at
    from interactions i join appeals a on a.id = i.appeal_id
    where i.direction = 'out' and i.kind = 'reply'`.execute(db);
  // About 18 % answer; ratings skewed to 4–5 with a tail of 1–3.
  const hash = sql`(cast(l.interaction_id as bigint) * 7919) % 100`;
  const pick = sql`(cast(l.interaction_id as bigint) * 31) % 10`;
  const responses = await sql`
    insert into survey_responses (questionnaire_id, link_token, appeal_id, touchpoint_id,
      process_id, unit_id, operator_id, channel, rating, resolved, comment, answers, created_at,
      updated_at, editable_until)
    select ${q.id}, l.token, l.appeal_id, l.touchpoint_id, l.process_id, l.unit_id, l.operator_id,
      l.channel,
      case ${pick} when 0 then 1 when 1 then 2 when 2 then 3 when 3 then 4 when 4 then 4
        when 5 then 4 else 5 end,
      case when ${pick} < 3 then 0 else 1 end,
      null, '{}', l.created_at, l.created_at, l.created_at
    from survey_links l
    where l.token like ${`${PREFIX}%`} and ${hash} < 18`.execute(db);
  // Each phone appeal was a call: logged, resolved when the appeal was closed on the spot.
  const ck = (k: number) =>
    sql.raw(`case when (cast(a.id as bigint) * ${k}) % 100 < 92 then 1 else 0 end`);
  const calls = await sql`
    insert into calls (pbx_call_id, touchpoint_id, client_id, appeal_id, operator_id, phase,
      started_at, answered_at, ended_at, process_id, topic, outcome, chk_greeted, chk_asked_name,
      chk_used_name, chk_clarified, chk_solution, logged_at, logged_by, created_at, updated_at)
    select ${PREFIX} || a.id, a.touchpoint_id, a.client_id, a.id, a.assignee_id, 'logged',
      a.created_at, a.created_at, coalesce(a.first_response_at, a.created_at), a.process_id,
      a.subject, case when a.status = 'closed' then 'resolved' else 'follow_up' end,
      1, ${ck(13)}, ${ck(17)}, ${ck(19)}, ${ck(23)},
      coalesce(a.first_response_at, a.created_at), a.assignee_id, a.created_at,
      coalesce(a.first_response_at, a.created_at)
    from appeals a where a.channel = 'phone'`.execute(db);
  // Seed 001 §3.2.5: one call in 20 is transferred, one in 200 three times (a breach).
  let transfers = 0n;
  for (const [seq, mod, breach] of [
    [1, 20, 0],
    [2, 200, 0],
    [3, 200, 1],
  ] as const) {
    const r = await sql`
      insert into call_transfers (call_id, seq, at, to_text, reason, breach, source)
      select c.id, ${seq}, c.started_at, 'Отдел общего образования', 'Вопрос в компетенции отдела',
        ${breach}, 'manual'
      from calls c
      where c.pbx_call_id like ${`${PREFIX}%`} and (cast(c.id as bigint) * 7919) % ${mod} = 0`.execute(
      db,
    );
    transfers += r.numAffectedRows ?? 0n;
  }
  // Planner statistics for the tables just filled: without them PostgreSQL guessed 26,553 of a
  // day's 409 calls and merge-joined every appeal (230 ms instead of 1 ms).
  for (const table of ['calls', 'call_transfers', 'survey_links', 'survey_responses']) {
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  log(
    `Metrics extras: ${links.numAffectedRows} survey links, ${responses.numAffectedRows} answers, ` +
      `${calls.numAffectedRows} calls, ${transfers} transfers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
