// Nothing submitted is lost: read back from PostgreSQL every web-form submission and every reply
// the load sent, and count how often each is stored.
import pg from 'pg';
import type { Submitted } from './http-load';

export interface Check {
  sent: number;
  succeeded: number;
  /** Succeeded but not stored. */
  lost: string[];
  /** Stored more than once. */
  duplicated: string[];
  /** Failed as the client saw it, yet stored (once). */
  storedAfterFailure: number;
}

function check(items: { key: string; ok: boolean }[], stored: Map<string, number>): Check {
  const ok = items.filter((i) => i.ok);
  return {
    sent: items.length,
    succeeded: ok.length,
    lost: ok.filter((i) => !stored.get(i.key)).map((i) => i.key),
    duplicated: items.filter((i) => (stored.get(i.key) ?? 0) > 1).map((i) => i.key),
    storedAfterFailure: items.filter((i) => !i.ok && stored.get(i.key) === 1).length,
  };
}

export async function verify(databaseUrl: string, runId: string, submitted: Submitted) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const forms = await db.query<{ key: string; n: string; appeals: string }>(
      `select substr(external_id, 9) as key, count(*) as n, count(distinct appeal_id) as appeals
         from interactions where external_id like $1 group by 1`,
      [`webform:lt-${runId}-%`],
    );
    const replies = await db.query<{ text: string }>(
      `select text from interactions where kind = 'reply' and direction = 'out' and text like $1`,
      [`%№ ${runId}-%`],
    );
    const formCount = new Map(forms.rows.map((r) => [r.key, Number(r.n)]));
    const replyCount = new Map<string, number>();
    for (const r of replies.rows)
      for (const m of r.text.matchAll(/№ \d+-\d{7}/g))
        replyCount.set(m[0], (replyCount.get(m[0]) ?? 0) + 1);
    return {
      webforms: check(
        submitted.webforms.map((w) => ({ key: w.id, ok: w.ok })),
        formCount,
      ),
      replies: check(
        submitted.replies.map((r) => ({ key: r.marker, ok: r.ok })),
        replyCount,
      ),
      formAppealsSplit: forms.rows.filter((r) => Number(r.appeals) !== 1).length,
    };
  } finally {
    await db.end();
  }
}

/** Appeal ids for the tabs to have open. */
export async function appealIds(databaseUrl: string): Promise<number[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const r = await db.query<{ id: number }>(
      `select id from appeals where status <> 'closed' order by id`,
    );
    return r.rows.map((x) => x.id);
  } finally {
    await db.end();
  }
}
