import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnv } from '../../../src/lib/server/env';
import { dropSingleton } from '../../../src/lib/server/singleton';
import { appealsWorld, inbound, receive } from '../../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../../support/db';
import { appendMessages, startDovecot, type Dovecot } from '../../support/dovecot';
import { halfWritten, outboxByStatus, storedMessages } from '../../support/faults-checks';
import { letters } from '../../support/faults-mail';
import { childEnv, runWorker, seeded, type Kill } from '../../support/faults-process';
import {
  addMailbox,
  providerFilesInSent,
  queueReply,
  sentCopies,
  SUPPORT,
} from '../../support/outbound';
import { startSmtpPeer, type SmtpPeer } from '../../support/smtp-peer';

const SEED = Number(process.env.FAULTS_SEED ?? 20260302);
const KILLS = 8;
/** New letters arrive before each run, three from each client (acknowledged once). */
const PER_RUN = 6;
const PER_SENDER = 3;
const LETTERS = PER_RUN * (KILLS + 1);
const REPLIES = 4;

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
let peer: SmtpPeer;

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('secretKey');
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
  peer = await startSmtpPeer();
  peer.auth = { user: SUPPORT, pass: 'smtp-secret' };
  // The provider files what it accepts in Sent (as Gmail, Yandex, Exchange do).
  peer.onData = async (m) => {
    await providerFilesInSent(dovecot, m.raw);
  };
}, 180_000);

afterAll(async () => {
  await peer?.close();
  await t?.drop();
  await dovecot?.stop();
});

describe('a worker killed at random moments of ingest and delivery, again and again', () => {
  it('stores every letter once, sends every reply and acknowledgement at most once, leaves nothing half-written', async () => {
    const w = await appealsWorld(ctx);
    await addMailbox(ctx, {
      touchpointId: w.email,
      smtpPort: peer.port,
      imapPort: dovecot.port,
      sentFolder: 'Sent',
      smtpAuth: { user: SUPPORT, pass: 'smtp-secret' },
    });
    for (let i = 0; i < REPLIES; i++) {
      const address = `earlier${i}@mail.example`;
      const appeal = await receive(
        ctx,
        inbound(w.email, {
          client: { surname: 'Петрова', firstName: 'Анна', email: address },
          externalId: `<earlier-${i}@mail.example>`,
          meta: {
            from: { address, name: 'Анна Петрова' },
            messageId: `<earlier-${i}@mail.example>`,
          },
        }),
      );
      await queueReply(ctx, appeal.appealId, `Анна, здравствуйте! Ответ номер ${i}.`);
    }
    const mail = letters('loop', LETTERS, PER_SENDER);

    const env = childEnv(t.env);
    const random = seeded(SEED);
    const runs: ({ killed: boolean; stored: number; sent: number; due: number } & Partial<Kill>)[] =
      [];
    // Each restart comes later than the dead worker's 10-minute lease, as after a real restart.
    const at = (run: number) => new Date(ctx.clock.now().getTime() + run * 11 * 60_000);
    const progress = async (appended: number) => {
      const queued = await t.db
        .selectFrom('outbox')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return {
        stored: (await storedMessages(t.db, 'loop')).total - appended,
        sent: peer.accepted.length,
        due: Number(queued.n) - peer.accepted.length,
      };
    };
    for (let k = 0; k <= KILLS; k++) {
      await appendMessages(dovecot, SUPPORT, mail.slice(k * PER_RUN, (k + 1) * PER_RUN));
      // Kills alternate between ingest and delivery, each at a random moment of a slice of the
      // work that moves later with every kill: the first of each kind is early, so it lands in
      // the middle of that work on any machine, and later ones reach the end of it.
      const slice = Math.floor(k / 2);
      const kill: Kill | null =
        k === KILLS
          ? null
          : k % 2
            ? { after: 'delivering', ms: Math.floor((slice + random()) * 175) }
            : { after: 'ready', ms: Math.floor((slice + random()) * 150) };
      const run = await runWorker(env, at(k), kill);
      if (!run.killed) expect(run.code, run.stderr).toBe(0);
      runs.push({ ...kill, killed: run.killed, ...(await progress((k + 1) * PER_RUN)) });
    }
    const context = `seed ${SEED}, runs ${JSON.stringify(runs)}`;
    // Kills must land in the middle of both kinds of work, or the loop proves little:
    // `stored` is negative when letters were left, `due` positive when replies were.
    const killed = runs.filter((r) => r.killed);
    expect(killed.length, context).toBeGreaterThanOrEqual(KILLS / 2);
    expect(
      killed.some((r) => r.stored < 0),
      context,
    ).toBe(true);
    expect(
      killed.some((r) => r.stored === 0 && r.due > 0),
      context,
    ).toBe(true);

    expect(await storedMessages(t.db, 'loop'), context).toEqual({
      total: LETTERS,
      distinct: LETTERS,
    });
    const whole = await halfWritten(t.db, t.env.OTKLIK_DATA!);
    expect(whole.problems, context).toEqual([]);

    // Every acknowledgement and reply went out at most once (by Message-ID).
    const sentIds = await Promise.all(
      peer.accepted.map(async (m) => (await simpleParser(m.raw)).messageId!),
    );
    expect(new Set(sentIds).size, context).toBe(sentIds.length);
    const rows = await t.db
      .selectFrom('outbox as o')
      .innerJoin('interactions as i', 'i.id', 'o.interaction_id')
      .select(['o.status', 'o.message_id', 'i.kind'])
      .execute();
    expect(rows.filter((r) => r.kind === 'reply')).toHaveLength(REPLIES);
    expect(
      rows.filter((r) => r.kind === 'ack'),
      context,
    ).toHaveLength(LETTERS / PER_SENDER);
    const statuses = await outboxByStatus(t.db);
    // All out, except a row whose worker died between «submitted» and the server's answer with
    // nothing in Sent: shown as unconfirmed (never resent), per the delivery rule.
    expect(
      Object.keys(statuses).filter((s) => s !== 'sent' && s !== 'unconfirmed'),
      context,
    ).toEqual([]);
    for (const r of rows) {
      const copies = sentIds.filter((id) => id === r.message_id).length;
      expect(copies, `${r.message_id} ${context}`).toBe(r.status === 'sent' ? 1 : 0);
    }
    for (const r of rows.filter((r) => r.status === 'sent').slice(0, 5)) {
      expect(await sentCopies(dovecot, r.message_id!)).toBe(1);
    }
    console.log(
      `[faults] kill loop: ${context}; outbox ${JSON.stringify(statuses)}; temp files ${whole.temps}`,
    );
  }, 120_000);
});
