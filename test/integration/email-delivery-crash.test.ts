import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appealView } from '../../src/lib/server/appeals/view.service';
import { deliverOutbox } from '../../src/lib/server/channels/email/delivery';
import { resetEnv } from '../../src/lib/server/env';
import { dropSingleton } from '../../src/lib/server/singleton';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { makeUser } from '../support/factories';
import {
  clientWrote,
  outboxRow,
  providerFilesInSent,
  queueReply,
  sentCopies,
  SUPPORT,
} from '../support/outbound';
import { startSmtpPeer, type SmtpPeer } from '../support/smtp-peer';

/** An operator of the unit the appeal belongs to (operators see their units' appeals). */
async function operatorOf(number: string) {
  const { unit_id } = await ctx.db
    .selectFrom('appeals')
    .select('unit_id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return makeUser(ctx, ['operator'], { unitIds: unit_id != null ? [unit_id] : [] });
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const mod = (file: string) => JSON.stringify(pathToFileURL(path.join(ROOT, file)).href);

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
let peer: SmtpPeer;

beforeAll(async () => {
  dovecot = await startDovecot();
}, 300_000);
afterAll(() => dovecot?.stop());

beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env); // the child process below reads the same settings from process.env
  dropSingleton('secretKey');
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
  peer = await startSmtpPeer();
  peer.auth = { user: SUPPORT, pass: 'smtp-secret' };
});
afterEach(async () => {
  await peer?.close();
  await t?.drop();
});

/** After the 10-minute lease of the dead process. */
const later = () => new Date(ctx.clock.now().getTime() + 11 * 60_000);

/**
 * Another process running one delivery pass on the same database and data folder, so the test
 * can SIGKILL it at a chosen moment: a real crash, with nothing after it run.
 */
function deliveryProcess() {
  const code = `
    const { deliverOutbox } = await import(${mod('src/lib/server/channels/email/delivery/index.ts')});
    const { appContext } = await import(${mod('src/lib/server/context.ts')});
    console.log(JSON.stringify(await deliverOutbox(appContext(), { now: new Date(process.env.DELIVERY_NOW) })));
    process.exit(0);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, DELIVERY_NOW: ctx.clock.now().toISOString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const kill = async () => {
    child.kill('SIGKILL');
    return exited;
  };
  return { exited, kill };
}

async function replyQueued(sentFolder: string | null = 'Sent', imapPort = dovecot.port) {
  const { appeal } = await clientWrote(ctx, { smtpPort: peer.port, imapPort, sentFolder });
  const q = await queueReply(ctx, appeal.appealId, 'Мария Петровна, здравствуйте! Ответ.');
  return { appeal, ...q };
}

describe('e-mail delivery: never twice when the process dies', () => {
  it('died before the end of the message left: sent again, once, under the same Message-ID', async () => {
    const { outboxId } = await replyQueued();
    const proc = deliveryProcess();
    peer.onRcpt = () => {
      void proc.kill();
    };
    expect((await proc.exited).signal).toBe('SIGKILL');
    peer.onRcpt = () => {};
    const left = await outboxRow(ctx, outboxId);
    expect(left).toMatchObject({ status: 'sending', attempts: 1 });
    expect(peer.attempts).toHaveLength(0);

    expect(await deliverOutbox(ctx, { now: later() })).toEqual({ sent: 1, failed: 0 });
    expect(peer.accepted).toHaveLength(1);
    expect((await simpleParser(peer.accepted[0]!.raw)).messageId).toBe(left.message_id);
    expect(await outboxRow(ctx, outboxId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await sentCopies(dovecot, left.message_id!)).toBe(1);
  });

  it('died after the server took it, before the outbox heard: the Sent folder settles it', async () => {
    const { outboxId } = await replyQueued();
    const proc = deliveryProcess();
    // The provider files what it accepts in Sent (as Gmail, Yandex, Exchange do); the 250
    // goes to a process that is already dead.
    peer.onData = async (m) => {
      await providerFilesInSent(dovecot, m.raw);
      await proc.kill();
    };
    expect((await proc.exited).signal).toBe('SIGKILL');
    const left = await outboxRow(ctx, outboxId);
    expect(left.status).toBe('submitted');
    expect(peer.accepted).toHaveLength(1);

    expect(await deliverOutbox(ctx, { now: later() })).toEqual({ sent: 0, failed: 0 });
    expect(await outboxRow(ctx, outboxId)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(peer.accepted).toHaveLength(1);
    expect(await sentCopies(dovecot, left.message_id!)).toBe(1);
  });

  it('died after the server took it and nothing shows it: not resent, shown to the operator', async () => {
    const { outboxId, interactionId, appeal } = await replyQueued();
    const proc = deliveryProcess();
    peer.onData = async () => {
      await proc.kill();
    };
    expect((await proc.exited).signal).toBe('SIGKILL');
    expect((await outboxRow(ctx, outboxId)).status).toBe('submitted');

    await deliverOutbox(ctx, { now: later() });
    await deliverOutbox(ctx, { now: new Date(later().getTime() + 86_400_000) });
    expect(peer.attempts).toHaveLength(1);
    const row = await outboxRow(ctx, outboxId);
    expect(row.status).toBe('unconfirmed');
    const op = await operatorOf(appeal.number);
    const item = (await appealView(ctx, op, appeal.number)).timeline.find(
      (i) => i.id === interactionId,
    )!;
    expect(item.outbox).toMatchObject({
      status: 'unconfirmed',
      lastError: "delivery stopped while waiting for the server's answer",
    });
  });

  it('died after recording the acceptance, before the Sent copy: the copy is filed once', async () => {
    // An IMAP port that accepts and never greets keeps the dead-to-be process in its copy step.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const { outboxId } = await replyQueued('Sent', (silent.address() as net.AddressInfo).port);
      const proc = deliveryProcess();
      await expect
        .poll(async () => (await outboxRow(ctx, outboxId)).status, { timeout: 20_000 })
        .toBe('accepted');
      expect((await proc.kill()).signal).toBe('SIGKILL');
      await t.db.updateTable('mailboxes').set({ imap_port: dovecot.port }).execute();

      expect(await deliverOutbox(ctx, { now: later() })).toEqual({ sent: 0, failed: 0 });
      await deliverOutbox(ctx, { now: new Date(later().getTime() + 3_600_000) });
      const row = await outboxRow(ctx, outboxId);
      expect(row).toMatchObject({
        status: 'sent',
        attempts: 1,
        sent_at: ctx.clock.now().toISOString(),
      });
      expect(peer.accepted).toHaveLength(1);
      expect(await sentCopies(dovecot, row.message_id!)).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
