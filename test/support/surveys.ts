import path from 'node:path';
import Database from 'better-sqlite3';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { reply } from '../../src/lib/server/appeals/work.service';
import { politeReply } from './appeals';

/** The survey link one outbound message carries, as the client receives it. */
export async function surveyLinkOf(ctx: ServiceContext, interactionId: number) {
  const link = await ctx.db
    .selectFrom('survey_links')
    .selectAll()
    .where('interaction_id', '=', interactionId)
    .executeTakeFirst();
  return link ? { ...link, path: `/s/${link.token}` } : undefined;
}

/**
 * Sends a checklist-passing reply (it carries the survey link the composer shows) and returns
 * the reply with its survey link: `path` is `/s/<token>`, `url` the absolute address in the text.
 */
export async function replyWithSurvey(
  ctx: ServiceContext,
  actor: Actor,
  appealId: number,
  body = 'Документы для зачисления перечислены на сайте школы в разделе «Приём».',
) {
  const text = await politeReply(ctx, appealId, body);
  const sent = await reply(ctx, actor, { appealId, text });
  const link = await surveyLinkOf(ctx, sent.interactionId);
  if (!link) throw new Error(`reply ${sent.interactionId} carries no survey link`);
  const url = /https?:\/\/\S+\/s\/[\w-]+/.exec(text)![0];
  return { ...sent, text, token: link.token, path: link.path, url, link };
}

export interface ReplySurvey {
  /** `/s/<token>`: open it with the page's baseURL. */
  path: string;
  token: string;
  appealNumber: string;
  touchpointId: number;
  touchpoint: string;
}

/**
 * For browser journeys: a reply's survey link from the console's SQLite database under test
 * (`inject('dataDir')`), by default one nobody has answered yet; optionally of one appeal or
 * touchpoint. Undefined when there is none.
 */
export function replySurveyPath(
  dataDir: string,
  opts: { appealNumber?: string; touchpoint?: string; unanswered?: boolean } = {},
): ReplySurvey | undefined {
  const db = new Database(path.join(dataDir, 'otklik.sqlite'), { readonly: true });
  try {
    const where = ["i.kind = 'reply'"];
    const args: string[] = [];
    if (opts.unanswered ?? true) {
      where.push('not exists (select 1 from survey_responses r where r.link_token = l.token)');
    }
    if (opts.appealNumber) {
      where.push('a.number = ?');
      args.push(opts.appealNumber);
    }
    if (opts.touchpoint) {
      where.push('t.name = ?');
      args.push(opts.touchpoint);
    }
    const row = db
      .prepare(
        `select l.token, a.number as appealNumber, l.touchpoint_id as touchpointId, t.name as touchpoint
           from survey_links l
           join interactions i on i.id = l.interaction_id
           join appeals a on a.id = l.appeal_id
           join touchpoints t on t.id = l.touchpoint_id
          where ${where.join(' and ')}
          order by l.created_at desc, l.token
          limit 1`,
      )
      .get(...args) as Omit<ReplySurvey, 'path'> | undefined;
    return row ? { ...row, path: `/s/${row.token}` } : undefined;
  } finally {
    db.close();
  }
}
