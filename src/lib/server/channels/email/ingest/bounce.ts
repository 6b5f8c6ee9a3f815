import { statusAfterInbound, type Status } from '../../../../domain/appeals/status';
import { insertInteraction } from '../../../appeals/interactions.queries';
import type { Emit } from '../../../context';
import type { Db } from '../../../db';
import type { IncomingMail } from '../filters/types';

/**
 * A bounce of our message: the report joins the appeal's timeline, the outbox row is marked
 * «bounced» with the server's reason (the timeline shows it on the reply, and the delivery worker
 * never retries it), and an answered appeal opens again because the client has not been answered.
 */
export async function recordBounce(
  trx: Db,
  emit: Emit,
  mail: IncomingMail,
  at: string,
  meta: Record<string, unknown>,
): Promise<{ appealId: number; number: string; interactionId: number }> {
  const bounce = mail.bounce!;
  const report = mail.parsed.report;
  const interactionId = await insertInteraction(trx, {
    appealId: bounce.appealId,
    direction: 'system',
    kind: 'bounce',
    authorId: null,
    touchpointId: mail.mailbox.touchpoint_id,
    at,
    subject: mail.parsed.subject,
    text: `Письмо не доставлено${report?.recipient ? ` на адрес ${report.recipient}` : ''}: ${bounce.reason}`,
    meta: { ...meta, outboxId: bounce.outboxId, report },
    externalId: mail.parsed.externalId,
  });
  await trx
    .updateTable('outbox')
    .set({ status: 'bounced', last_error: bounce.reason.slice(0, 2000) })
    .where('id', '=', bounce.outboxId)
    .execute();
  const appeal = await trx
    .selectFrom('appeals')
    .select(['number', 'status', 'assignee_id', 'unit_id'])
    .where('id', '=', bounce.appealId)
    .executeTakeFirstOrThrow();
  const status = statusAfterInbound(appeal.status as Status);
  if (status !== appeal.status) {
    await trx
      .updateTable('appeals')
      .set({ status, updated_at: at, last_activity_at: at, closed_at: null })
      .where('id', '=', bounce.appealId)
      .execute();
    await insertInteraction(trx, {
      appealId: bounce.appealId,
      direction: 'system',
      kind: 'status',
      authorId: null,
      at,
      meta: { from: appeal.status, to: status, reason: 'bounce' },
    });
    emit('appeal.updated', {
      appealId: bounce.appealId,
      status,
      assigneeId: appeal.assignee_id,
      unitId: appeal.unit_id,
    });
  }
  emit('interaction.added', { appealId: bounce.appealId, interactionId, direction: 'system' });
  return { appealId: bounce.appealId, number: appeal.number, interactionId };
}
