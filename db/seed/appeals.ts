import { splitFullName } from '../../src/lib/domain/clients/contacts';
import { receiveInbound } from '../../src/lib/server/appeals/inbound.service';
import { addNote, assign, changeStatus, reply } from '../../src/lib/server/appeals/work.service';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { replyCheckOptions } from '../../src/lib/server/style/gate';
import { DEMO_APPEALS, type DemoAppeal } from './appeals.data';

const HOUR = 3_600_000;

export interface AppealActors {
  operator: Actor & { kind: 'user' };
  supervisor: Actor & { kind: 'user' };
}

function at(ctx: ServiceContext, when: number): ServiceContext {
  return { ...ctx, clock: { now: () => new Date(when) } };
}

async function play(ctx: ServiceContext, a: DemoAppeal, who: AppealActors) {
  const start = ctx.clock.now().getTime() - a.daysAgo * 24 * HOUR;
  const touchpoint = await ctx.db
    .selectFrom('touchpoints')
    .select('id')
    .where('name', '=', a.touchpoint)
    .executeTakeFirstOrThrow();
  const inbound = await receiveInbound(
    at(ctx, start),
    {
      touchpointId: touchpoint.id,
      kind: a.kind,
      client: {
        ...splitFullName(a.client.name),
        organization: a.client.organization,
        email: a.client.email,
        phone: a.client.phone,
        segment: a.client.segment,
      },
      subject: a.subject,
      text: a.text,
      priority: a.priority,
    },
    a.kind === 'manual' || a.kind === 'call' ? who.operator : null,
  );
  if (a.client.accessibility || a.client.accessibilityNote) {
    await ctx.db
      .updateTable('clients')
      .set({
        accessibility: JSON.stringify(a.client.accessibility ?? []),
        accessibility_note: a.client.accessibilityNote ?? null,
      })
      .where(
        'id',
        '=',
        (
          await ctx.db
            .selectFrom('appeals')
            .select('client_id')
            .where('id', '=', inbound.appealId)
            .executeTakeFirstOrThrow()
        ).client_id,
      )
      .execute();
  }
  for (const step of a.steps ?? []) {
    const c = at(ctx, start + step.after * HOUR);
    const actor = step.by === 'supervisor' ? who.supervisor : who.operator;
    const appealId = inbound.appealId;
    if (step.do === 'assign') await assign(c, actor, { appealId, assigneeId: who.operator.userId });
    else if (step.do === 'note') await addNote(c, actor, { appealId, text: step.text! });
    else if (step.do === 'reply') {
      const { surveyUrl } = await replyCheckOptions(ctx.db, appealId);
      const text = `${step.text!}\n\nОцените, пожалуйста, наш ответ: ${surveyUrl}`;
      await reply(c, actor, { appealId, text });
    } else if (step.do === 'close') await changeStatus(c, actor, { appealId, status: 'closed' });
    else if (step.do === 'wait') await changeStatus(c, actor, { appealId, status: 'waiting' });
  }
}

/** Demo appeals through every channel, played in time order. Does nothing when appeals exist. */
export async function seedAppeals(ctx: ServiceContext, who: AppealActors): Promise<number> {
  const any = await ctx.db.selectFrom('appeals').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const ordered = [...DEMO_APPEALS].sort((x, y) => y.daysAgo - x.daysAgo);
  for (const a of ordered) await play(ctx, a, who);
  // These replies went out long ago; the demo has no mail server to deliver them now.
  await ctx.db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at'), attempts: 1 }))
    .where('status', '=', 'pending')
    .execute();
  return ordered.length;
}
