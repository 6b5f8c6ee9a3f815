import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMailboxOnce } from '../../../src/lib/server/channels/email';
import { resetEnv } from '../../../src/lib/server/env';
import { listMailboxViews } from '../../../src/lib/server/mailboxes/mailboxes.queries';
import { dropSingleton } from '../../../src/lib/server/singleton';
import { appealsWorld } from '../../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../../support/db';
import { addTestMailbox, appendMessages, startDovecot, type Dovecot } from '../../support/dovecot';
import { halfWritten, storedMessages } from '../../support/faults-checks';
import { smallDisk, type SmallDisk } from '../../support/faults-disk';
import { letter } from '../../support/faults-mail';

let dovecot: Dovecot;
let t: TestDb;
let ctx: TestContext;
let disk: SmallDisk;

beforeAll(async () => {
  dovecot = await startDovecot(['disk@otklik.test:secret']);
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('secretKey');
  ctx = testContext(t.db);
  await appealsWorld(ctx);
  disk = smallDisk(path.join(t.env.OTKLIK_DATA!, 'attachments'));
}, 180_000);

afterAll(async () => {
  disk?.unmount();
  await t?.drop();
  await dovecot?.stop();
});

describe('the disk fills up while an attachment is written', () => {
  it('stores nothing of the batch, keeps the mail for later, says so on the mailbox, and stores it all once space returns', async () => {
    const mailbox = await addTestMailbox(ctx, dovecot, 'disk@otklik.test', 'disk@otklik.example');
    const scan = Buffer.alloc(48 * 1024, 7);
    await appendMessages(dovecot, 'disk@otklik.test', [
      letter('disk', 0),
      letter('disk', 1, { attachment: scan }),
      letter('disk', 2),
    ]);
    disk.fill();

    const failed = await ingestMailboxOnce(ctx, mailbox, { retryDelaysMs: [] });
    expect(failed.error).toMatch(/ENOSPC/);
    expect(await storedMessages(t.db, 'disk')).toEqual({ total: 0, distinct: 0 });
    const files = fs.readdirSync(disk.dir, { recursive: true }) as string[];
    // A half-written temp file would keep eating the space that is short.
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const [view] = (await listMailboxViews(t.db)).filter((m) => m.id === mailbox.id);
    expect(view).toMatchObject({ state: 'error', lastError: expect.stringMatching(/ENOSPC/) });
    const row = await t.db
      .selectFrom('mailboxes')
      .select('last_uid')
      .where('id', '=', mailbox.id)
      .executeTakeFirstOrThrow();
    expect(row.last_uid).toBe(0);
    const whole = await halfWritten(t.db, t.env.OTKLIK_DATA!);
    expect(whole.problems.filter((p) => !p.includes('filler'))).toEqual([]);

    disk.free();
    const again = await ingestMailboxOnce(ctx, mailbox, { retryDelaysMs: [] });
    expect(again).toMatchObject({ error: null, created: 3 });
    expect(await storedMessages(t.db, 'disk')).toEqual({ total: 3, distinct: 3 });
    expect((await halfWritten(t.db, t.env.OTKLIK_DATA!)).problems).toEqual([]);
    const [after] = (await listMailboxViews(t.db)).filter((m) => m.id === mailbox.id);
    expect(after!.state).toBe('idle');
  });
});
