import type { Kysely } from 'kysely';
import type { Db } from '../../src/lib/server/db/connect';
import { indexAppeals } from '../../src/lib/server/search/appeal-search';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const CHUNK = 2000;

/**
 * Search documents now hold each e-mail address also as one word (issue 4: an address searched as
 * the phrase «… mail ru» read the posting lists of words most appeals have). Rebuilds every
 * appeal's document with the current rules, in chunks, each in its own transaction.
 */
export async function up(db: AnyDb): Promise<void> {
  let after = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom('appeals')
        .select('id')
        .where('id', '>', after)
        .orderBy('id')
        .limit(CHUNK)
        .execute()
    ).map((r: { id: number }) => r.id);
    if (!ids.length) return;
    await indexAppeals(db as Db, ids);
    after = ids[ids.length - 1]!;
  }
}

export async function down(): Promise<void> {
  // The extra words do no harm to the older search.
}
