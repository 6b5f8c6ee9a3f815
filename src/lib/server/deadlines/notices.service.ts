import {
  HELLO_WITHOUT_NAME,
  NOTICE_DEFAULTS,
  NOTICES,
  type Notice,
} from '../../domain/deadlines/notices';
import { renderBody } from '../../domain/templates/render';
import type { VariableValues } from '../../domain/templates/variables';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { appealForTemplate, appealValues } from '../templates/values';

/**
 * The wording of a notice in force: the published template linked to it; the built-in text only
 * when that template was deleted or withdrawn (archived), so the client is always told.
 */
async function noticeBody(
  db: Db,
  notice: Notice,
): Promise<{ body: string; templateId: number | null }> {
  const row = await db
    .selectFrom('notice_templates as n')
    .innerJoin('templates as t', 't.id', 'n.template_id')
    .select(['t.id', 't.body', 't.status'])
    .where('n.notice', '=', notice)
    .executeTakeFirst();
  if (row && row.status === 'published') return { body: row.body, templateId: row.id };
  return { body: NOTICE_DEFAULTS[notice].body, templateId: null };
}

/** The notice filled in for this appeal, written by this user. */
export async function renderNotice(
  db: Db,
  notice: Notice,
  appealId: number,
  userId: number | null,
  extra: Pick<VariableValues, 'notice.reason' | 'notice.forwardedTo'> = {},
): Promise<{ text: string; templateId: number | null }> {
  const appeal = await appealForTemplate(db, appealId);
  if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const values = { ...(await appealValues(db, appeal, userId)), ...extra };
  const found = await noticeBody(db, notice);
  const { templateId } = found;
  let { body } = found;
  if (!values['client.firstNamePatronymic']) {
    body = body.replace(
      /^\{\{client\.firstNamePatronymic\}\},\s*здравствуйте!/u,
      HELLO_WITHOUT_NAME,
    );
  }
  return { text: renderBody(body, values).text, templateId };
}

/** Which template words each notice, for the settings page. */
export async function noticeLinks(db: Db) {
  const rows = await db
    .selectFrom('notice_templates as n')
    .leftJoin('templates as t', 't.id', 'n.template_id')
    .select(['n.notice', 't.id', 't.title', 't.status'])
    .execute();
  return NOTICES.map((notice) => {
    const r = rows.find((x) => x.notice === notice);
    return {
      notice,
      templateId: r?.id ?? null,
      title: r?.title ?? null,
      inForce: r?.status === 'published',
    };
  });
}

/** Links a notice to a template of kind «notice» (an editor or the admin chooses the wording). */
export async function linkNoticeTemplate(
  ctx: ServiceContext,
  actor: Actor,
  input: { notice: Notice; templateId: number | null },
): Promise<void> {
  assertRole(actor, ['editor', 'admin']);
  if (!NOTICES.includes(input.notice)) throw new DomainError('INVALID', 'errors.invalid');
  await inTransaction(ctx, async (trx) => {
    if (input.templateId != null) {
      const t = await trx
        .selectFrom('templates')
        .select('kind')
        .where('id', '=', input.templateId)
        .executeTakeFirst();
      if (t?.kind !== 'notice') throw new DomainError('INVALID', 'deadlines.noticeTemplateKind');
    }
    const now = ctx.clock.now().toISOString();
    const res = await trx
      .updateTable('notice_templates')
      .set({ template_id: input.templateId, updated_at: now })
      .where('notice', '=', input.notice)
      .executeTakeFirst();
    if (!res.numUpdatedRows) {
      await trx
        .insertInto('notice_templates')
        .values({ notice: input.notice, template_id: input.templateId, updated_at: now })
        .execute();
    }
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'deadlines.noticeTemplate',
      entity: 'notice_template',
      entityId: input.notice,
      details: { templateId: input.templateId },
    });
  });
}
