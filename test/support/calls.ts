import type { ServiceContext } from '../../src/lib/server/context';
import type { CallInput } from '../../src/lib/server/calls/call-input';
import { createLine, setAgent } from '../../src/lib/server/telephony/lines.service';
import { lineByTokenHash } from '../../src/lib/server/telephony/lines.queries';
import { hashLineToken } from '../../src/lib/server/telephony/tokens';
import { SYSTEM } from '../../src/lib/server/context';
import { appealsWorld } from './appeals';
import { makeUser } from './factories';

/** The appeals world plus a PBX line on its phone touchpoint and two operators with extensions. */
export async function callsWorld(ctx: ServiceContext) {
  const world = await appealsWorld(ctx);
  const admin = await makeUser(ctx, ['admin']);
  // Both answer for the registry's unit: its appeals are theirs to see (issue 11).
  const anna = await makeUser(ctx, ['operator'], {
    name: 'Смирнова Анна Викторовна',
    unitIds: [world.unitId],
  });
  const igor = await makeUser(ctx, ['operator', 'supervisor'], {
    name: 'Кузнецов Игорь Павлович',
    unitIds: [world.unitId],
  });
  const { id: lineId, token } = await createLine(ctx, admin, {
    name: 'Горячая линия',
    number: '+74000203040',
    touchpointId: world.phone,
  });
  await setAgent(ctx, SYSTEM, { extension: '101', userId: anna.userId });
  await setAgent(ctx, SYSTEM, { extension: '102', userId: igor.userId });
  const line = (await lineByTokenHash(ctx.db, hashLineToken(token)))!;
  return { ...world, admin, anna, igor, lineId, token, line };
}

let seq = 0;

/** A complete call form as the screen sends it; override what a test is about. */
export function callForm(touchpointId: number, over: Partial<CallInput> = {}): CallInput {
  seq++;
  return {
    key: `test-key-${seq}-${Math.random().toString(36).slice(2, 8)}`,
    callerNumber: '8 (912) 345-67-89',
    surname: 'Петренко',
    firstName: 'Галина',
    patronymic: 'Ивановна',
    touchpointId,
    topic: 'Бесплатное питание в школе',
    notes: 'Объяснила, какие документы нести в школу.',
    checklist: { greeted: true, askedName: true, usedName: true, clarified: true, solution: true },
    outcome: 'resolved',
    ...over,
  };
}
