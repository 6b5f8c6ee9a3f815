import type { ServiceContext } from '../../src/lib/server/context';
import { receiveInbound, type InboundMessage } from '../../src/lib/server/appeals/inbound.service';
import { replyCheckOptions } from '../../src/lib/server/style/gate';
import { registryWithVersion } from './registry';

/** The sample registry plus the ids of its touchpoints by channel. */
export async function appealsWorld(ctx: ServiceContext) {
  const world = await registryWithVersion(ctx);
  const touchpoints = await ctx.db.selectFrom('touchpoints').select(['id', 'channel']).execute();
  const byChannel = (channel: string) => touchpoints.find((t) => t.channel === channel)!.id;
  return {
    ...world,
    email: byChannel('email'),
    phone: byChannel('phone'),
    reception: byChannel('in_person'),
    portal: byChannel('portal'),
  };
}

let seq = 0;

export function inbound(touchpointId: number, over: Partial<InboundMessage> = {}): InboundMessage {
  seq++;
  return {
    touchpointId,
    kind: 'email',
    client: {
      surname: 'Иванова',
      firstName: 'Мария',
      patronymic: 'Петровна',
      email: `ivanova${seq}@mail.example`,
    },
    subject: 'Зачисление ребёнка в первый класс',
    text: 'Здравствуйте! Подскажите, какие документы нужны для зачисления сына в школу.',
    ...over,
  };
}

export function receive(ctx: ServiceContext, msg: InboundMessage) {
  return receiveInbound(ctx, msg);
}

/** A reply that passes the checklist: greets by name, says something plain, links the survey. */
export async function politeReply(ctx: ServiceContext, appealId: number, body: string) {
  const o = await replyCheckOptions(ctx.db, appealId);
  return `${o.clientName ?? 'Здравствуйте'}, здравствуйте!\n\n${body}\n\nОцените, пожалуйста, наш ответ: ${o.surveyUrl}`;
}
