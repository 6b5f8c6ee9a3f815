import type { Db } from '../db';

/**
 * What the appeal view shows of its surveys: how many links went out, how many were answered and
 * the ratings. Never the comments: the operator would read them next to the client's name, which
 * seed 003 §3.3 rules out. Comments are seen only grouped, on the metrics and pain-map pages.
 */
export async function appealSurveySummary(db: Db, appealId: number) {
  const [links, answers] = await Promise.all([
    db
      .selectFrom('survey_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('appeal_id', '=', appealId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('survey_responses')
      .select(['rating', 'resolved'])
      .where('appeal_id', '=', appealId)
      .where('link_token', 'is not', null)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    sent: Number(links.n),
    answered: answers.length,
    ratings: answers.map((a) => a.rating).filter((r): r is number => r != null),
    resolved: answers.filter((a) => a.resolved === 1).length,
  };
}

export type AppealSurveySummary = Awaited<ReturnType<typeof appealSurveySummary>>;
