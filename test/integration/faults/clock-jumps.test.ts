import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assign } from '../../../src/lib/server/appeals/work.service';
import { resolveSession, signIn } from '../../../src/lib/server/auth/auth.service';
import { deliverOutbox } from '../../../src/lib/server/channels/email/delivery';
import { SYSTEM } from '../../../src/lib/server/context';
import { savePolicy } from '../../../src/lib/server/deadlines/policies.service';
import { deadlineTick } from '../../../src/lib/server/deadlines/tick.service';
import { resetEnv } from '../../../src/lib/server/env';
import { dropSingleton } from '../../../src/lib/server/singleton';
import { appealsWorld, inbound, receive } from '../../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../../support/db';
import { makeUser, TEST_PASSWORD } from '../../support/factories';
import { clientWrote, outboxRow, queueReply, SUPPORT } from '../../support/outbound';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtp-peer';

const MIN = 60_000;
const HOUR = 60 * MIN;

let t: TestDb;
let ctx: TestContext;
let peer: SmtpPeer;

beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('secretKey');
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
  peer = await startSmtpPeer();
  peer.auth = { user: SUPPORT, pass: 'smtp-secret' };
});
afterEach(async () => {
  await peer?.close();
  await t?.drop();
});

async function replyQueued() {
  const { appeal } = await clientWrote(ctx, { smtpPort: peer.port, imapPort: 1, sentFolder: null });
  return { appeal, ...(await queueReply(ctx, appeal.appealId, 'Мария Петровна, здравствуйте!')) };
}

describe('the clock jumps back an hour', () => {
  it('a sent reply is not sent again', async () => {
    const { outboxId } = await replyQueued();
    await deliverOutbox(ctx);
    ctx.clock.advance(-HOUR);
    for (let i = 0; i < 4; i++) {
      await deliverOutbox(ctx);
      ctx.clock.advance(20 * MIN);
    }
    expect(peer.accepted).toHaveLength(1);
    expect((await outboxRow(ctx, outboxId)).status).toBe('sent');
  });

  it('a reply refused for now is retried minutes later, not an hour later', async () => {
    const { outboxId } = await replyQueued();
    peer.onRcpt = () => ({ code: 451, message: '4.3.0 Try again later' });
    await deliverOutbox(ctx);
    expect(await outboxRow(ctx, outboxId)).toMatchObject({ status: 'failed', attempts: 1 });
    peer.onRcpt = () => {};
    ctx.clock.advance(-HOUR);
    ctx.clock.advance(5 * MIN);
    await deliverOutbox(ctx);
    expect(await outboxRow(ctx, outboxId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(peer.accepted).toHaveLength(1);
  });

  it('appeal numbers stay unique and in order', async () => {
    const w = await appealsWorld(ctx);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) numbers.push((await receive(ctx, inbound(w.portal))).number);
    ctx.clock.advance(-HOUR);
    for (let i = 0; i < 3; i++) numbers.push((await receive(ctx, inbound(w.portal))).number);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(6);
  });
});

describe('the clock jumps three days forward', () => {
  it('deadlines breach, and sessions expire', async () => {
    const w = await appealsWorld(ctx);
    await savePolicy(ctx, SYSTEM, {
      name: 'Портал: 10 часов',
      basis: 'agency',
      touchpointId: w.portal,
      answer: { amount: 10, unit: 'calendar_hours' },
    });
    const a = await receive(ctx, inbound(w.portal, { kind: 'webform' }));
    await assign(ctx, w.member, { appealId: a.appealId, assigneeId: w.member.userId });
    const user = await makeUser(ctx, ['operator']);
    const session = await signIn(ctx, { email: user.email, password: TEST_PASSWORD });
    expect(await resolveSession(ctx, session.token)).not.toBeNull();

    ctx.clock.advance(3 * 24 * HOUR);
    expect(await deadlineTick(ctx)).toMatchObject({ breached: 1 });
    expect(await deadlineTick(ctx)).toMatchObject({ breached: 0 });
    expect(await resolveSession(ctx, session.token)).toBeNull();
  });
});

describe('the clock crosses New Year in Moscow', () => {
  it('numbers start again at 00:00 Moscow time (21:00 UTC), and a step back over it stays unique', async () => {
    const eve = testContext(t.db, '2026-12-31T20:50:00.000Z'); // 23:50 in Moscow
    const w = await appealsWorld(eve);
    const before = (await receive(eve, inbound(w.portal))).number;
    eve.clock.advance(20 * MIN); // 00:10 on 1 January in Moscow, still 31 December in UTC
    const first = (await receive(eve, inbound(w.portal))).number;
    const second = (await receive(eve, inbound(w.portal))).number;
    eve.clock.advance(-30 * MIN); // stepped back into the old year
    const late = (await receive(eve, inbound(w.portal))).number;
    expect(before).toMatch(/^2026-\d{6}$/);
    expect([first, second]).toEqual(['2027-000001', '2027-000002']);
    expect(late).toMatch(/^2026-\d{6}$/);
    expect(new Set([before, first, second, late]).size).toBe(4);
  });
});
