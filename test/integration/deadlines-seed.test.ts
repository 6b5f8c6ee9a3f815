import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed';
import { SYSTEM } from '../../src/lib/server/context';
import { classifierStatus } from '../../src/lib/server/classify/classify.service';
import { deadlineList } from '../../src/lib/server/deadlines/alerts.service';
import { noticeLinks } from '../../src/lib/server/deadlines/notices.service';
import { resetEnv } from '../../src/lib/server/env';
import { findUserByEmail } from '../../src/lib/server/users/users.queries';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  // Wednesday 4 March 2026, 15:00 Moscow.
  ctx = testContext(t.db, '2026-03-04T12:00:00.000Z');
});
afterEach(() => t?.drop());

describe('deadline demo data (issue 10)', () => {
  it('shows every new feature and adds nothing the second time', async () => {
    await seedDemo(ctx);
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('appeals')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const appeals = await count();
    const models = await t.db.selectFrom('classifier_models').select('id').execute();

    const { rows } = await deadlineList(ctx, SYSTEM);
    const by = (target: string, state: string) =>
      rows.filter((r) => r.target === target && r.state === state).map((r) => r.subject);
    expect(by('answer', 'warning')).toContain(
      'Упоминание: «министерство обещало выложить расписание кружков»',
    );
    expect(by('answer', 'breached')).toContain(
      'Сообщение сообществу: путёвка в лагерь для ребёнка-инвалида',
    );
    expect(by('forward', 'warning')).toContain('Письмо о записи к неврологу в районной больнице');
    expect(by('forward', 'breached')).toContain('Письмо о ремонте дороги к школе в селе Луговое');
    // The operator sees the appeals assigned to them.
    const operator = (await findUserByEmail(t.db, 'operator@otklik.example'))!;
    const mine = await deadlineList(ctx, {
      kind: 'user',
      userId: operator.id,
      roles: ['operator'],
    });
    expect(mine.rows.length).toBeGreaterThanOrEqual(4);

    const kinds = await t.db
      .selectFrom('appeal_deadlines')
      .select('message_kind')
      .where('message_kind', 'is not', null)
      .execute();
    expect(new Set(kinds.map((k) => k.message_kind))).toEqual(
      new Set(['appeal', 'comment', 'mention', 'oral']),
    );
    const notices = await t.db
      .selectFrom('interactions')
      .select(['text', 'meta'])
      .where('kind', '=', 'notice')
      .execute();
    expect(notices.map((n) => JSON.parse(n.meta).notice).sort()).toEqual(['deferred', 'forwarded']);
    expect(notices.every((n) => JSON.parse(n.meta).templateId != null)).toBe(true);
    expect((await noticeLinks(t.db)).every((n) => n.inForce)).toBe(true);

    const model = await classifierStatus(ctx);
    expect(model?.holdoutCount).toBeGreaterThanOrEqual(5);
    expect(model?.holdoutAccuracy).not.toBeNull();

    await seedDemo(ctx);
    expect(await count()).toBe(appeals);
    expect(await t.db.selectFrom('classifier_models').select('id').execute()).toHaveLength(
      models.length,
    );
  }, 120_000);
});
