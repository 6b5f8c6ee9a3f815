import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DENSE_MATCHES,
  indexAppeals,
  indexBatch,
  matchAppealIds,
  optimizeIndex,
  removeFromIndex,
  searchCondition,
  whereMatches,
} from '../../src/lib/server/search/appeal-search';
import type { Db } from '../../src/lib/server/db';
import { inboxPage } from '../../src/lib/server/appeals/inbox.queries';
import { createTestDb, testContext, type TestDb } from '../support/db';

let t: TestDb;
let touchpointId: number;
const now = '2026-03-02T09:00:00.000Z';
let seq = 0;

beforeAll(async () => {
  t = await createTestDb();
  const tp = await t.db
    .insertInto('touchpoints')
    .values({ name: 'Электронная почта', mode: 'online', channel: 'email', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  touchpointId = tp.id;
});
afterAll(() => t.drop());

interface ClientSpec {
  surname?: string;
  firstName?: string;
  patronymic?: string;
  organization?: string;
  contacts?: string[];
}

async function makeClient(spec: ClientSpec): Promise<number> {
  const { id } = await t.db
    .insertInto('clients')
    .values({
      surname: spec.surname ?? null,
      first_name: spec.firstName ?? null,
      patronymic: spec.patronymic ?? null,
      organization: spec.organization ?? null,
      segment: spec.organization ? 'legal_entity' : 'citizen',
      accessibility: '[]',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const value of spec.contacts ?? []) {
    await t.db
      .insertInto('client_contacts')
      .values({
        client_id: id,
        kind: value.includes('@') ? 'email' : 'phone',
        value,
        created_at: now,
      })
      .execute();
  }
  return id;
}

async function addInteraction(
  appealId: number,
  text: string,
  subject: string | null = null,
  db: Db = t.db,
) {
  await db
    .insertInto('interactions')
    .values({
      appeal_id: appealId,
      direction: 'in',
      kind: 'email',
      at: now,
      subject,
      text,
      meta: '{}',
    })
    .execute();
}

/** An appeal with its client and first message, indexed; returns its id and number. */
async function makeAppeal(
  client: ClientSpec,
  subject: string,
  text: string,
  over: { status?: string; lastActivityAt?: string } = {},
): Promise<{ id: number; number: string }> {
  const clientId = await makeClient(client);
  const number = `2026-${String(++seq).padStart(6, '0')}`;
  const { id } = await t.db
    .insertInto('appeals')
    .values({
      number,
      client_id: clientId,
      touchpoint_id: touchpointId,
      channel: 'email',
      subject,
      status: over.status ?? 'new',
      priority: 'normal',
      created_at: now,
      updated_at: now,
      last_activity_at: over.lastActivityAt ?? now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addInteraction(id, text, subject);
  await indexAppeals(t.db, [id]);
  return { id, number };
}

const search = (q: string) => matchAppealIds(t.db, q, { limit: 50 });

describe(`appeal search (${process.env.OTKLIK_TEST_DB ?? 'sqlite'})`, () => {
  let benefit: { id: number; number: string };
  let sports: { id: number; number: string };
  let family: { id: number; number: string };

  beforeAll(async () => {
    benefit = await makeAppeal(
      {
        surname: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Сергеевна',
        contacts: ['m.ivanova@mail.ru'],
      },
      'Заявление на пособие по уходу за ребёнком',
      'Прошу разъяснить, какие документы приложить к заявлению.',
    );
    sports = await makeAppeal(
      { surname: 'Петров', firstName: 'Алексей', contacts: ['+79123456789'] },
      'Запись в спортивную секцию',
      'Хочу записать сына в секцию при школе № 12. Где взять справку?',
    );
    family = await makeAppeal(
      { organization: 'ООО «Ромашка»', contacts: ['office@romashka.example'] },
      'Справка о составе семьи',
      'Просим выдать справку сотруднику для отдела кадров.',
    );
  });

  it('finds an appeal by another form of a word, and only it', async () => {
    expect(await search('заявлением')).toEqual([benefit.id]);
    expect(await search('заявления документов')).toEqual([benefit.id]);
    expect(await search('пособия')).toEqual([benefit.id]);
    expect(await search('школы')).toEqual([sports.id]);
    expect(await search('спортивная секция')).toEqual([sports.id]);
    expect(await search('спортивной секции')).toEqual([sports.id]);
    expect(await search('ребенка')).toEqual([benefit.id]);
    expect(await search('плавание')).toEqual([]);
  });

  it('needs every word to match, the last one as the user types it', async () => {
    expect(await search('справка')).toEqual([family.id, sports.id]);
    expect(await search('справку семьи')).toEqual([family.id]);
    expect(await search('справка сек')).toEqual([sports.id]);
    expect(await search('заяв')).toEqual([benefit.id]);
  });

  it('finds an appeal by the client: surname in any case, organisation, e-mail, phone', async () => {
    expect(await search('Иванова')).toEqual([benefit.id]);
    expect(await search('Петрову')).toEqual([sports.id]);
    expect(await search('Петров Алексей')).toEqual([sports.id]);
    expect(await search('Ромашка')).toEqual([family.id]);
    expect(await search('m.ivanova@mail.ru')).toEqual([benefit.id]);
    expect(await search('M.Ivanova@Mail.Ru')).toEqual([benefit.id]);
    expect(await search('m.ivanova@mai')).toEqual([benefit.id]);
    expect(await search('ivanova@mail.ru')).toEqual([]);
    expect(await search('office@romashka.example')).toEqual([family.id]);
    expect(await search('ivanova')).toEqual([benefit.id]);
    expect(await search('8 (912) 345-67-89')).toEqual([sports.id]);
  });

  it('finds an appeal by its number, whole or as typed so far', async () => {
    expect(await search(sports.number)).toEqual([sports.id]);
    expect(await search(`№ ${family.number}`)).toEqual([family.id]);
    expect(await search('2026-00000')).toEqual([family.id, sports.id, benefit.id]);
  });

  it('finds new text after re-indexing, and a removed appeal no more', async () => {
    expect(await search('перерасчёт')).toEqual([]);
    await addInteraction(family.id, 'Также просим сделать перерасчет платы за детский сад.');
    expect(await search('перерасчет')).toEqual([]);
    await indexAppeals(t.db, [family.id]);
    expect(await search('перерасчёт платы')).toEqual([family.id]);
    expect(await search('справка')).toEqual([family.id, sports.id]);

    await removeFromIndex(t.db, [family.id]);
    expect(await search('перерасчет')).toEqual([]);
    expect(await search('справка')).toEqual([sports.id]);
    expect(await search('заявление')).toEqual([benefit.id]);
    await indexAppeals(t.db, [family.id]);
    expect(await search('перерасчет')).toEqual([family.id]);
  });

  it('follows a client rename when the client’s appeals are re-indexed', async () => {
    const { id } = await makeAppeal(
      { surname: 'Смирнова' },
      'Вопрос о льготах',
      'Какие льготы положены?',
    );
    const { client_id } = await t.db
      .selectFrom('appeals')
      .select('client_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('clients')
      .set({ surname: 'Кузнецова' })
      .where('id', '=', client_id)
      .execute();
    await t.db.transaction().execute((trx) => indexAppeals(trx, [id]));
    expect(await search('Кузнецова льготы')).toEqual([id]);
    expect(await search('Смирнова')).toEqual([]);
  });

  it('combines with other filters, ordering and keyset pagination', async () => {
    const older = await makeAppeal(
      { surname: 'Орлова' },
      'Справка об обучении в школе',
      'Нужна справка.',
      {
        status: 'open',
        lastActivityAt: '2026-03-01T10:00:00.000Z',
      },
    );
    const newer = await makeAppeal(
      { surname: 'Орлов' },
      'Справка из школы',
      'Справку для бассейна.',
      {
        status: 'open',
        lastActivityAt: '2026-03-02T10:00:00.000Z',
      },
    );
    const page = (cursor: { at: string; id: number } | null) => {
      let q = t.db
        .selectFrom('appeals')
        .select(['appeals.id', 'appeals.last_activity_at'])
        .where('appeals.status', '=', 'open')
        .where(whereMatches(t.db, 'справки школа'));
      if (cursor) {
        q = q.where((eb) =>
          eb.or([
            eb('appeals.last_activity_at', '<', cursor.at),
            eb.and([
              eb('appeals.last_activity_at', '=', cursor.at),
              eb('appeals.id', '<', cursor.id),
            ]),
          ]),
        );
      }
      return q
        .orderBy('appeals.last_activity_at', 'desc')
        .orderBy('appeals.id', 'desc')
        .limit(1)
        .execute();
    };
    const first = await page(null);
    expect(first.map((r) => r.id)).toEqual([newer.id]);
    const second = await page({ at: first[0]!.last_activity_at, id: first[0]!.id });
    expect(second.map((r) => r.id)).toEqual([older.id]);
    expect(await page({ at: second[0]!.last_activity_at, id: second[0]!.id })).toEqual([]);
  });

  it('treats hostile input as words and never fails', async () => {
    const hostile = [
      '"',
      '""',
      '"справка',
      'справка"',
      '*',
      'справ*',
      '* справка',
      'NEAR(справка семьи)',
      'справка NEAR/2 семьи',
      'справка OR школа',
      'справка AND NOT школа',
      '-справка',
      '(справка',
      'справка)',
      'body:справка',
      'rowid:1',
      '^справка',
      "'; drop table appeals; --",
      'справка & !школа | (семья) <-> x:*',
      '\\',
      '\u0000справка',
      '😀 справка ǅ ²',
      'по на и в',
      '',
      '   ',
      'я'.repeat(5_000),
      Array.from({ length: 200 }, (_, i) => `слово${i}`).join(' '),
    ];
    for (const q of hostile) {
      const ids = await search(q);
      expect(Array.isArray(ids), q).toBe(true);
    }
    expect(await search('"справка')).toEqual(await search('справка'));
    // Operators are plain words (PostgreSQL drops «or» as an English stop word): never a union.
    const both = await search('справка школа');
    expect(both).not.toContain(family.id);
    for (const q of ['справка OR школа', 'справка | школа']) {
      expect(
        (await search(q)).filter((id) => !both.includes(id)),
        q,
      ).toEqual([]);
    }
    expect(await search('NEAR(справка семьи)')).not.toContain(sports.id);
    expect(await search('')).toEqual([]);
  });

  it('loads documents in bulk', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await makeAppeal({ surname: 'Белов' }, 'Разное', 'Без особых слов')).id);
    }
    await indexBatch(
      t.db,
      ids.map((appealId, i) => ({
        appealId,
        source: {
          number: `2026-9${i}`,
          subject: i === 1 ? 'Ремонт крыши многоквартирного дома' : 'Разное',
          client: { surname: 'Белов', firstName: null, patronymic: null, organization: null },
          contacts: [],
          interactions: [{ subject: null, text: 'Текст обращения' }],
        },
      })),
    );
    await optimizeIndex(t.db);
    expect(await search('крыша')).toEqual([ids[1]]);
    expect(await search('Белов разное')).toEqual([ids[2], ids[0]]);
  });

  it('keeps a very long appeal indexed by its beginning', async () => {
    const { id } = await makeAppeal(
      { surname: 'Длинная' },
      'Переписка',
      'Начало: вопрос о газификации. ',
    );
    await addInteraction(id, 'повтор '.repeat(10_000) + 'хвостовоеслово');
    await indexAppeals(t.db, [id]);
    expect(await search('газификация')).toEqual([id]);
    expect(await search('хвостовоеслово')).toEqual([]);
  });

  it('is callable from a service context inside a transaction', async () => {
    const ctx = testContext(t.db);
    await ctx.db.transaction().execute(async (trx) => {
      await addInteraction(benefit.id, 'Дополнение: копия свидетельства о рождении', null, trx);
      await indexAppeals(trx, [benefit.id, benefit.id]);
    });
    expect(await search('свидетельство рождения')).toEqual([benefit.id]);
  });

  it('returns the same page whichever plan it takes for a common word', async () => {
    const clientId = await makeClient({ surname: 'Массовая' });
    const rows = Array.from({ length: DENSE_MATCHES + 100 }, (_, i) => ({
      number: `2025-${String(i).padStart(6, '0')}`,
      client_id: clientId,
      touchpoint_id: touchpointId,
      channel: 'email',
      subject: 'Типовое обращение',
      status: i % 3 ? 'open' : 'closed',
      priority: 'normal',
      created_at: now,
      updated_at: now,
      last_activity_at: new Date(
        Date.UTC(2025, 0, 1) + ((i * 7919) % 100_000) * 60_000,
      ).toISOString(),
    }));
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await t.db
        .insertInto('appeals')
        .values(rows.slice(i, i + 500))
        .returning('id')
        .execute();
      ids.push(...inserted.map((r) => r.id));
    }
    await indexBatch(
      t.db,
      ids.map((appealId, i) => ({
        appealId,
        source: {
          number: rows[i]!.number,
          subject: 'Типовое обращение',
          client: { surname: 'Массовая', firstName: null, patronymic: null, organization: null },
          contacts: [],
          interactions: [],
        },
      })),
    );
    const page = (where: ReturnType<typeof whereMatches>) =>
      t.db
        .selectFrom('appeals')
        .select('appeals.id')
        .where('appeals.status', '=', 'open')
        .where(where)
        .orderBy('appeals.last_activity_at', 'desc')
        .orderBy('appeals.id', 'desc')
        .limit(51)
        .execute();
    const chosen = await searchCondition(t.db, 'типовые обращения');
    const expected = await page(whereMatches(t.db, 'типовые обращения'));
    expect(expected).toHaveLength(51);
    expect(await page(chosen)).toEqual(expected);
    expect(await page(whereMatches(t.db, 'типовые обращения', { dense: true }))).toEqual(expected);
    const sqlOf = (where: ReturnType<typeof whereMatches>) =>
      t.db.selectFrom('appeals').select('id').where(where).compile().sql;
    const rare = sqlOf(await searchCondition(t.db, 'Иванова'));
    if (t.kind === 'sqlite') {
      expect(sqlOf(chosen)).toContain('+"appeals"."id" in');
      expect(rare).not.toContain('+');
    } else {
      expect(sqlOf(chosen)).not.toContain('any(array(');
      expect(rare).toContain('"appeals"."id" = any(array(');
    }
  });

  it('finds a common word among the recent appeals first, yet never misses an older appeal active since', async () => {
    const at = (minute: number) => `2026-03-03T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const old = await makeAppeal(
      { surname: 'Давняя' },
      'Детское пособие',
      'Когда придёт пособие?',
      {
        lastActivityAt: at(0),
      },
    );
    const recent: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const a = await makeAppeal(
        { surname: `Недавняя${i}` },
        'Детское пособие',
        'Пособие не пришло',
        {
          lastActivityAt: at(i),
        },
      );
      recent.push(a.id);
    }
    const viewer = { userId: -1, unitIds: [], now: at(59), scoped: false };
    const page = async (recentWindow: number) =>
      (
        await inboxPage(t.db, viewer, {
          queue: 'all',
          filters: { q: 'пособия' },
          cursor: null,
          limit: 2,
          tuning: { denseMatches: 2, recentWindow },
        })
      ).rows.map((r) => r.id);
    // Whole inbox (window off) and recent window agree while the old appeal stays old.
    expect(await page(1e9)).toEqual([recent[5], recent[4]]);
    expect(await page(4)).toEqual([recent[5], recent[4]]);
    // The client writes again on the old appeal: it leads, window or not.
    await t.db
      .updateTable('appeals')
      .set({ last_activity_at: at(30) })
      .where('id', '=', old.id)
      .execute();
    expect(await page(1e9)).toEqual([old.id, recent[5]]);
    expect(await page(4)).toEqual([old.id, recent[5]]);
  });

  it('fills the page with whole-word matches first and reads the last word as a prefix only when they do not', async () => {
    const at = (minute: number) => `2030-01-04T10:${String(minute).padStart(2, '0')}:00.000Z`;
    const prefixOnly = await makeAppeal(
      { surname: 'Корнева' },
      'Автобус',
      'Школьный автобус не ходит',
      {
        lastActivityAt: at(30),
      },
    );
    const whole: number[] = [];
    for (let i = 1; i <= 3; i++) {
      whole.push(
        (
          await makeAppeal({ surname: `Кругова${i}` }, 'Школа', 'Школа закрыта', {
            lastActivityAt: at(i),
          })
        ).id,
      );
    }
    const viewer = { userId: -1, unitIds: [], now: at(59), scoped: false };
    const page = async (q: string, limit: number) =>
      (
        await inboxPage(t.db, viewer, { queue: 'all', filters: { q }, cursor: null, limit })
      ).rows.map((r) => r.id);
    // «школа» whole fills a page of two: the newer «Школьный автобус» is not a whole-word match.
    expect(await page('школа', 2)).toEqual([whole[2], whole[1]]);
    // A page it cannot fill is searched as a prefix: «шко» is still being typed.
    expect(await page('шко', 2)).toEqual([prefixOnly.id, whole[2]]);
  });
});
