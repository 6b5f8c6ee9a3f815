import { z } from 'zod';
import { MANUAL_CHANNELS } from '../../domain/appeals/interactions';
import { PRIORITIES } from '../../domain/appeals/status';
import { SEGMENTS, splitFullName } from '../../domain/clients/contacts';
import { SOCIAL_CHANNELS, SOCIAL_KINDS } from '../../domain/deadlines/policy';
import { assertRole } from '../auth/access';
import type { Actor, ServiceContext } from '../context';
import { DomainError } from '../errors';
import { touchpointById } from './appeals.queries';
import { receiveInbound } from './inbound.service';
import { assign } from './work.service';

export const manualInput = z.object({
  touchpointId: z.number().int().positive(),
  processId: z.number().int().positive().nullish(),
  clientName: z.string().trim().max(300),
  organization: z.string().trim().max(500).nullish(),
  email: z.string().trim().max(320).nullish(),
  phone: z.string().trim().max(50).nullish(),
  segment: z.enum(SEGMENTS),
  subject: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(20000),
  at: z.string().datetime({ offset: true }).nullish(),
  appealNumber: z
    .string()
    .trim()
    .regex(/^20\d{2}-\d{6}$/)
    .nullish()
    .or(z.literal('')),
  priority: z.enum(PRIORITIES).default('normal'),
  /** Social page or public chat: an official appeal, a comment to a post or a mention (seed 001 §3.2.3). */
  messageKind: z.enum(SOCIAL_KINDS).nullish().or(z.literal('')),
});

/**
 * An operator records what happened at a touchpoint without a live channel — a visit to the
 * reception, a letter, a post on the ministry's page — so every registry row can have data.
 */
export async function logManual(
  ctx: ServiceContext,
  actor: Actor,
  raw: z.input<typeof manualInput>,
) {
  assertRole(actor, ['operator', 'supervisor']);
  const parsed = manualInput.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('INVALID', 'appeals.manualInvalid', {
      fields: [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', '),
    });
  }
  const input = parsed.data;
  const touchpoint = await touchpointById(ctx.db, input.touchpointId);
  if (!touchpoint || !(MANUAL_CHANNELS as readonly string[]).includes(touchpoint.channel)) {
    throw new DomainError('INVALID', 'appeals.notManualTouchpoint');
  }
  if (!input.clientName && !input.organization && !input.email && !input.phone) {
    throw new DomainError('INVALID', 'appeals.clientRequired');
  }
  const result = await receiveInbound(
    ctx,
    {
      touchpointId: touchpoint.id,
      kind: 'manual',
      client: {
        ...splitFullName(input.clientName),
        organization: input.organization,
        email: input.email,
        phone: input.phone,
        segment: input.segment,
      },
      subject: input.subject,
      text: input.text,
      at: input.at ? new Date(input.at).toISOString() : undefined,
      appealNumber: input.appealNumber || null,
      processId: input.processId,
      priority: input.priority,
      messageKind: (SOCIAL_CHANNELS as readonly string[]).includes(touchpoint.channel)
        ? input.messageKind || 'appeal'
        : null,
    },
    actor,
  );
  if (result.created && actor.kind === 'user') {
    await assign(ctx, actor, { appealId: result.appealId, assigneeId: actor.userId });
  }
  return result;
}
