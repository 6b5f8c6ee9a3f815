import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reply } from '../../src/lib/server/appeals/work.service';
import { resetEnv } from '../../src/lib/server/env';
import { gateReply, replyCheckOptions } from '../../src/lib/server/style/gate';
import {
  checkerFor,
  currentLexicon,
  lexiconRevisions,
  saveLexicon,
} from '../../src/lib/server/style/lexicon.service';
import { appealsWorld, inbound, politeReply, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db);
});
afterEach(() => t?.drop());

describe("the agency's style dictionary", () => {
  it('is saved by editors as numbered, audited revisions that the send gate uses at once', async () => {
    const w = await appealsWorld(ctx);
    const editor = await makeUser(ctx, ['editor']);
    const { appealId } = await receive(ctx, inbound(w.email));
    const text = await politeReply(
      ctx,
      appealId,
      'Секция работает в Кузнечихинском спорткомплексе. Отправьте ответку до пятницы.',
    );
    const options = await replyCheckOptions(t.db, appealId);
    const findings = async (s: string) => {
      const { revision, lexicon } = await currentLexicon(t.db);
      return (await checkerFor(revision, lexicon)).check(s, options).findings;
    };
    expect((await findings(text)).some((f) => f.text === 'Кузнечихинском')).toBe(true);

    await expect(
      saveLexicon(ctx, w.member, { lexicon: { accepted: [], banned: [], preferred: [] } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const revision = await saveLexicon(ctx, editor, {
      lexicon: {
        accepted: ['Кузнечихинский'],
        banned: [{ term: 'ответка', suggestion: 'ответ', severity: 'block', category: 'jargon' }],
        preferred: [],
      },
      summary: 'Спорткомплекс и жаргонное «ответка»',
    });
    expect(revision).toBe(1);
    expect((await currentLexicon(t.db)).lexicon.accepted).toEqual(['Кузнечихинский']);

    await expect(reply(ctx, w.member, { appealId, text })).rejects.toMatchObject({
      message: 'style.blocked',
      details: expect.objectContaining({ problems: expect.stringContaining('ответк') }),
    });
    const fixed = text.replace('ответку', 'ответ');
    expect((await findings(fixed)).some((f) => f.text === 'Кузнечихинском')).toBe(false);
    await expect(gateReply(t.db, fixed, options, [])).resolves.toBeTruthy();

    await saveLexicon(ctx, editor, {
      lexicon: { accepted: ['Кузнечихинский'], banned: [], preferred: [] },
      summary: 'Сняли запрет',
    });
    expect((await lexiconRevisions(t.db)).map((r) => r.revision)).toEqual([2, 1]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'style.lexicon.save')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses a malformed dictionary and keeps the one in force', async () => {
    const editor = await makeUser(ctx, ['editor']);
    await expect(
      saveLexicon(ctx, editor, {
        lexicon: { accepted: ['x'.repeat(200)], banned: [], preferred: [] },
      }),
    ).rejects.toMatchObject({ message: 'style.lexicon.invalid' });
    expect((await currentLexicon(t.db)).revision).toBe(0);
  });
});
