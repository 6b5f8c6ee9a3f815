import { sql } from 'kysely';
import { formatAppealNumber } from '../../domain/appeals/status';
import type { Db } from '../db';

/**
 * The next number of the year, taken inside the caller's transaction: the counter row is
 * updated (and so locked) until the transaction ends, so concurrent creations wait for each
 * other and a rolled-back creation gives its number back — the sequence has no gaps. Take it as
 * late as possible: every creation waits for the lock holder's commit.
 */
export async function nextAppealNumber(trx: Db, year: number): Promise<string> {
  await trx
    .insertInto('appeal_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('appeal_counters')
    .set({ last: sql`last + 1` })
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return formatAppealNumber(year, row.last);
}
