import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { setOverride } from '../../src/lib/server/calendar/calendar.service';
import { SYSTEM } from '../../src/lib/server/context';
import {
  approveProposals,
  proposals,
  propose,
  returnProposal,
  withdrawProposal,
  workingRegistry,
} from '../../src/lib/server/registry/registry.service';
import {
  compareVersions,
  publishVersion,
  publishedRegistry,
  versions,
} from '../../src/lib/server/registry/versions.service';
import { createTestDb, testContext, type TestDb, type TestContext } from '../support/db';
import { makeUser } from '../support/factories';
import { registryWithVersion } from '../support/registry';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

const DAY = 86_400_000;

async function rowId(process: string, touchpoint: string) {
  const row = (await workingRegistry(ctx)).find(
    (r) => r.process === process && r.touchpoint === touchpoint,
  );
  if (!row) throw new Error(`no row ${process} / ${touchpoint}`);
  return row.id;
}

describe('registry workflow', () => {
  it('a unit member proposes a new touchpoint, the maintainer approves it into version 2', async () => {
    const { member, maintainer } = await registryWithVersion(ctx);
    const processId = (await workingRegistry(ctx)).find(
      (r) => r.process === 'Рассмотрение обращений граждан',
    )!.processId;
    const id = await propose(ctx, member, {
      reason: 'new_touchpoint',
      reasonText: 'Открыли страницу министерства во ВКонтакте',
      change: {
        kind: 'add',
        process: { id: processId },
        touchpoint: {
          name: 'Страница министерства во ВКонтакте',
          mode: 'online',
          channel: 'social',
          address: 'https://vk.com/minobr_example',
          description: null,
        },
        needs: ['information', 'feedback'],
        needsOther: null,
        specifics: 'Ответ на официальный комментарий — в течение 2 часов',
      },
    });
    // Nothing reaches the registry before approval.
    expect((await workingRegistry(ctx)).some((r) => r.touchpoint.includes('ВКонтакте'))).toBe(
      false,
    );
    expect(ctx.events.map((e) => e.name)).toContain('registry.proposed');

    const { versionNumber } = await approveProposals(ctx, maintainer, { ids: [id] });
    expect(versionNumber).toBe(2);
    const row = (await workingRegistry(ctx)).find((r) => r.touchpoint.includes('ВКонтакте'));
    expect(row).toMatchObject({
      channel: 'social',
      mode: 'online',
      needs: ['information', 'feedback'],
    });
    const [mine] = await proposals(ctx, member);
    expect(mine).toMatchObject({ id, status: 'approved', versionNumber: 2 });

    const [v2] = await versions(ctx);
    expect(v2).toMatchObject({ number: 2, publishedAt: null, overdue: false });
    expect(v2!.summary.counts).toEqual({ added: 1, removed: 0, changed: 0, total: 5 });
    expect(v2!.summary.changes).toEqual([
      expect.objectContaining({ kind: 'add', touchpoint: 'Страница министерства во ВКонтакте' }),
    ]);
  });

  it('refuses a second row for the same touchpoint in one process (seed 000 §4.11)', async () => {
    const { member } = await registryWithVersion(ctx);
    const existing = (await workingRegistry(ctx)).find(
      (r) => r.touchpoint === 'Приёмная министерства',
    )!;
    const attempt = propose(ctx, member, {
      reason: 'needs_changed',
      reasonText: null,
      change: {
        kind: 'add',
        process: { id: existing.processId },
        touchpoint: { id: existing.touchpointId },
        needs: ['result'],
        needsOther: null,
        specifics: null,
      },
    });
    await expect(attempt).rejects.toMatchObject({ message: 'registry.duplicateRow' });
    expect(await proposals(ctx, SYSTEM)).toHaveLength(0);
  });

  it('refuses a change that leaves a row without needs, and "other" without its text', async () => {
    const { member } = await registryWithVersion(ctx);
    const id = await rowId('Рассмотрение обращений граждан', 'Телефон горячей линии');
    const noNeeds = propose(ctx, member, {
      reason: 'needs_changed',
      reasonText: null,
      change: { kind: 'change', rowId: id, needs: [], needsOther: null, specifics: null },
    });
    await expect(noNeeds).rejects.toMatchObject({ message: 'registry.rulesFailed' });
    const otherBlank = propose(ctx, member, {
      reason: 'needs_changed',
      reasonText: null,
      change: { kind: 'change', rowId: id, needs: ['other'], needsOther: '  ', specifics: null },
    });
    await expect(otherBlank).rejects.toBeInstanceOf(DomainError);
  });

  it('the maintainer returns an incomplete proposal with a comment; the author sees it', async () => {
    const { member, maintainer } = await registryWithVersion(ctx);
    const id = await propose(ctx, member, {
      reason: 'exclusion',
      reasonText: null,
      change: {
        kind: 'exclude',
        rowId: await rowId('Рассмотрение обращений граждан', 'Телефон горячей линии'),
      },
    });
    await expect(returnProposal(ctx, maintainer, { id, comment: '  ' })).rejects.toMatchObject({
      message: 'registry.commentRequired',
    });
    await expect(returnProposal(ctx, member, { id, comment: 'нет' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await returnProposal(ctx, maintainer, {
      id,
      comment: 'Горячая линия работает: укажите, чем её заменили',
    });
    const [mine] = await proposals(ctx, member);
    expect(mine).toMatchObject({
      status: 'returned',
      reviewComment: 'Горячая линия работает: укажите, чем её заменили',
    });
    await expect(approveProposals(ctx, maintainer, { ids: [id] })).rejects.toMatchObject({
      message: 'registry.proposalNotPending',
    });
    expect(await versions(ctx)).toHaveLength(1);
  });

  it('approves several proposals as one version, all or nothing', async () => {
    const { member, maintainer } = await registryWithVersion(ctx);
    const phone = await rowId('Рассмотрение обращений граждан', 'Телефон горячей линии');
    const b = await propose(ctx, member, {
      reason: 'exclusion',
      reasonText: null,
      change: { kind: 'exclude', rowId: phone },
    });
    const a = await propose(ctx, member, {
      reason: 'needs_changed',
      reasonText: null,
      change: {
        kind: 'change',
        rowId: phone,
        needs: ['consultation', 'information'],
        needsOther: null,
        specifics: 'Пн–Пт 9:00–18:00',
      },
    });
    // b (proposed first) removes the row a changes: together they fail and change nothing.
    await expect(approveProposals(ctx, maintainer, { ids: [b, a] })).rejects.toMatchObject({
      message: 'registry.rowGone',
    });
    expect(await versions(ctx)).toHaveLength(1);
    expect((await workingRegistry(ctx)).find((r) => r.id === phone)?.needs).toEqual([
      'consultation',
      'other',
    ]);
    expect(
      (await proposals(ctx, maintainer, { status: 'pending' })).map((p) => p.id).sort(),
    ).toEqual([a, b].sort());

    await withdrawProposal(ctx, member, b);
    await expect(withdrawProposal(ctx, maintainer, a)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { versionNumber } = await approveProposals(ctx, maintainer, { ids: [a] });
    const diff = await compareVersions(ctx, 1, versionNumber);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.fields.map((f) => f.field).sort()).toEqual([
      'needs',
      'needsOther',
      'specifics',
    ]);
    expect(diff.changed[0]!.fields.find((f) => f.field === 'needs')).toMatchObject({
      before: ['consultation', 'other'],
      after: ['information', 'consultation'],
    });
  });

  it('keeps versions immutable and compares any two, including against the empty registry', async () => {
    const { member, maintainer } = await registryWithVersion(ctx);
    const id = await propose(ctx, member, {
      reason: 'exclusion',
      reasonText: 'Приёмная переехала в МФЦ',
      change: {
        kind: 'exclude',
        rowId: await rowId('Лицензирование образовательной деятельности', 'Приёмная министерства'),
      },
    });
    await approveProposals(ctx, maintainer, { ids: [id] });
    expect((await compareVersions(ctx, 0, 1)).added).toHaveLength(4);
    const d12 = await compareVersions(ctx, 1, 2);
    expect(d12.removed.map((e) => e.touchpoint)).toEqual(['Приёмная министерства']);
    const d21 = await compareVersions(ctx, 2, 1);
    expect(d21.added.map((e) => e.touchpoint)).toEqual(['Приёмная министерства']);
    await expect(compareVersions(ctx, 1, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('counts the 10-working-day publication deadline with the production calendar and admin overrides', async () => {
    // Approved on Friday 2026-04-24: ten working days skip 1 May and 11 May 2026 (9 May moved).
    ctx = testContext(t.db, '2026-04-24T07:00:00.000Z');
    const admin = await makeUser(ctx, ['admin']);
    const { maintainer } = await registryWithVersion(ctx);
    const [v1] = await versions(ctx);
    expect(v1!.publishDue).toBe('2026-05-12');
    expect(v1!.daysLeft).toBe(10);

    ctx.clock.advance(20 * DAY);
    const [late] = await versions(ctx);
    expect(late).toMatchObject({ overdue: true });
    expect(late!.daysLeft).toBeLessThan(0);

    // An admin declares an extra day off: later approvals get a later deadline.
    await setOverride(ctx, admin, {
      date: '2026-05-15',
      kind: 'holiday',
      note: 'региональный праздник',
    });
    await publishVersion(ctx, maintainer, 1);
    await expect(publishVersion(ctx, maintainer, 1)).rejects.toMatchObject({
      message: 'registry.alreadyPublished',
    });
    const published = await publishedRegistry(ctx);
    expect(published?.version.number).toBe(1);
    expect(published?.entries).toHaveLength(4);
  });

  it('lets only the maintainer approve and publish, and audits each step', async () => {
    const { member, maintainer } = await registryWithVersion(ctx);
    const id = await propose(ctx, member, {
      reason: 'exclusion',
      reasonText: null,
      change: {
        kind: 'exclude',
        rowId: await rowId('Рассмотрение обращений граждан', 'Телефон горячей линии'),
      },
    });
    await expect(approveProposals(ctx, member, { ids: [id] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(publishVersion(ctx, member, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await approveProposals(ctx, maintainer, { ids: [id] });
    await publishVersion(ctx, maintainer, 2);
    const actions = (await t.db.selectFrom('audit_log').select('action').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['registry.propose', 'registry.approve', 'registry.publish']),
    );
  });
});
