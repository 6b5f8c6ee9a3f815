import { telephonyEventSchema } from '../../src/lib/domain/calls/telephony';
import type { Outcome } from '../../src/lib/domain/calls/outcomes';
import type { CallInput } from '../../src/lib/server/calls/call-input';
import { logCall } from '../../src/lib/server/calls/log.service';
import { createScript } from '../../src/lib/server/calls/scripts.service';
import { transferCall } from '../../src/lib/server/calls/transfer.service';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { receiveTelephonyEvent } from '../../src/lib/server/telephony/events.service';
import { lineByTokenHash } from '../../src/lib/server/telephony/lines.queries';
import { createLine, setAgent } from '../../src/lib/server/telephony/lines.service';
import { hashLineToken } from '../../src/lib/server/telephony/tokens';

const HOUR = 3_600_000;
const HOTLINE = 'Телефон горячей линии министерства';
const LINE_NUMBER = '+74000203040';

type User = Actor & { kind: 'user' };
export interface CallActors {
  admin: User;
  editor: User;
  operator: User;
  supervisor: User;
}

const at = (ctx: ServiceContext, ms: number): ServiceContext => ({
  ...ctx,
  clock: { now: () => new Date(ms) },
});

const ALL_DONE = {
  greeted: true,
  askedName: true,
  usedName: true,
  clarified: true,
  solution: true,
};

interface DemoCall {
  hoursAgo: number;
  lasts: number;
  number: string;
  name: [string, string, string];
  process: string;
  topic: string;
  notes: string;
  outcome: Outcome;
  /** follow-up deadline or callback time, hours after the call */
  inHours?: number;
  by: 'operator' | 'supervisor';
  missed?: (keyof typeof ALL_DONE)[];
  /** colleagues the call passed through before it was logged */
  transfers?: { to: 'operator' | 'supervisor'; reason?: string }[];
}

const DEMO_CALLS: DemoCall[] = [
  {
    hoursAgo: 70,
    lasts: 240,
    number: '+7 917 402-11-58',
    name: ['Сафина', 'Лейсан', 'Рамилевна'],
    process: 'Информирование о проведении государственной итоговой аттестации (ОГЭ, ЕГЭ)',
    topic: 'Пересдача ЕГЭ по математике в резервный день',
    notes:
      'Сын заболел в день экзамена. Объяснила: нужна справка из поликлиники, заявление подать в школу до дня резервного экзамена; расписание резервных дней на сайте министерства.',
    outcome: 'resolved',
    by: 'operator',
  },
  {
    hoursAgo: 26,
    lasts: 410,
    number: '+7 927 330-45-12',
    name: ['Ковалёв', 'Андрей', 'Сергеевич'],
    process: 'Аттестация педагогических работников в целях установления квалификационной категории',
    topic: 'Сроки аттестации на высшую категорию',
    notes:
      'Учитель физики подал заявление в сентябре, заседание комиссии не назначено. Нужно уточнить в отделе аттестации и ответить письменно.',
    outcome: 'follow_up',
    inHours: 50,
    by: 'supervisor',
    missed: ['usedName'],
  },
  {
    hoursAgo: 20,
    lasts: 180,
    number: '+7 912 555-40-70',
    name: ['Мухаметова', 'Гульнара', 'Ринатовна'],
    process: 'Информирование об организации отдыха и оздоровления детей',
    topic: 'Путёвка в загородный лагерь для ребёнка-инвалида',
    notes:
      'Спрашивает о сопровождающем и доступной среде в лагере «Звёздный». Договорились перезвонить после ответа управления социальной защиты.',
    outcome: 'callback',
    inHours: 19,
    by: 'operator',
  },
  {
    hoursAgo: 4,
    lasts: 520,
    number: '+7 965 118-27-03',
    name: ['Зайцева', 'Ольга', 'Николаевна'],
    process: 'Рассмотрение обращений граждан',
    topic: 'Жалоба на отказ в приёме в 10-й класс',
    notes:
      'Звонок дважды переводили внутри министерства, затем в отдел общего образования. Обещали письменный ответ по существу.',
    outcome: 'follow_up',
    inHours: 70,
    by: 'operator',
    missed: ['askedName', 'usedName'],
    transfers: [
      { to: 'supervisor' },
      { to: 'operator', reason: 'Вопрос о приёме ведёт отдел общего образования' },
      { to: 'supervisor', reason: 'Нужен руководитель: жалоба на директора школы' },
    ],
  },
  {
    hoursAgo: 1.5,
    lasts: 150,
    number: '+7 903 777-62-40',
    name: ['Лебедев', 'Павел', 'Игоревич'],
    process: 'Организация личного приёма граждан министром и заместителями министра',
    topic: 'Запись на личный приём к министру',
    notes: 'Хочет записаться на приём по вопросу ремонта школы в селе. Перезвонить с датой приёма.',
    outcome: 'callback',
    inHours: 2,
    by: 'operator',
  },
];

const SCRIPTS = [
  {
    title: 'Горячая линия: начало и завершение разговора',
    process: null,
    body: [
      'Здравствуйте! Горячая линия министерства образования и науки, меня зовут … Как я могу к вам обращаться?',
      '— Имя и отчество записать в карточку звонка и дальше обращаться по ним.',
      '[Имя Отчество], расскажите, пожалуйста, что случилось. (Выслушать, не перебивая.)',
      'Правильно ли я понимаю, что вы спрашиваете о …? Уточню ещё: …',
      'Вот что можно сделать: … Срок — … Если понадобится, мы вам перезвоним.',
      'Остались ли у вас вопросы? Спасибо за звонок, [Имя Отчество], всего доброго.',
    ].join('\n'),
  },
  {
    title: 'ГИА: справки о результатах и пересдаче',
    process: 'Информирование о проведении государственной итоговой аттестации (ОГЭ, ЕГЭ)',
    body: [
      'Уточните: какой экзамен (ОГЭ или ЕГЭ), предмет, год, в каком районе сдавал(а) участник.',
      'Результаты публикуются на сайте министерства и на Госуслугах в течение 14 календарных дней после экзамена.',
      'Пересдача по уважительной причине — в резервный день: нужна справка и заявление в школу.',
      'Если вопрос об апелляции — срок подачи 2 рабочих дня после объявления результатов.',
    ].join('\n'),
  },
];

/**
 * Demo telephony: the hotline with two extensions, two plain scripts (when the templates seed has
 * none), a handful of logged calls — one handed over three times — and a missed one.
 */
export async function seedCalls(ctx: ServiceContext, who: CallActors): Promise<number> {
  const any = await ctx.db.selectFrom('telephony_lines').select('id').limit(1).executeTakeFirst();
  if (any) return 0;
  const hotline = await ctx.db
    .selectFrom('touchpoints')
    .select('id')
    .where('name', '=', HOTLINE)
    .executeTakeFirst();
  if (!hotline) return 0;
  const { token } = await createLine(ctx, who.admin, {
    name: 'Горячая линия',
    number: LINE_NUMBER,
    touchpointId: hotline.id,
  });
  await setAgent(ctx, who.admin, { extension: '101', userId: who.operator.userId });
  await setAgent(ctx, who.admin, { extension: '102', userId: who.supervisor.userId });

  const processId = async (name: string) =>
    (await ctx.db.selectFrom('processes').select('id').where('name', '=', name).executeTakeFirst())
      ?.id;
  const scripts = await ctx.db
    .selectFrom('templates')
    .select('id')
    .where('kind', '=', 'script')
    .limit(1)
    .executeTakeFirst();
  for (const s of scripts ? [] : SCRIPTS) {
    const id = s.process ? await processId(s.process) : null;
    await createScript(ctx, who.editor, {
      title: s.title,
      body: s.body,
      processIds: id ? [id] : [],
    });
  }

  const now = ctx.clock.now().getTime();
  let n = 0;
  for (const c of DEMO_CALLS) {
    const start = now - c.hoursAgo * HOUR;
    const actor = who[c.by];
    let callId: number | null = null;
    for (const [i, t] of (c.transfers ?? []).entries()) {
      const from = i === 0 ? actor : who[c.transfers![i - 1]!.to];
      ({ callId } = await transferCall(at(ctx, start + (i + 1) * 60_000), from, {
        callId,
        callerNumber: c.number,
        touchpointId: hotline.id,
        startedAt: new Date(start).toISOString(),
        toUserId: who[t.to].userId,
        reason: t.reason ?? null,
      }));
    }
    const end = start + c.lasts * 1000;
    const later = c.inHours ? new Date(end + c.inHours * HOUR).toISOString() : null;
    const last = c.transfers?.length ? who[c.transfers.at(-1)!.to] : actor;
    const form: CallInput = {
      callId,
      key: `demo-call-${n}`,
      callerNumber: c.number,
      surname: c.name[0],
      firstName: c.name[1],
      patronymic: c.name[2],
      touchpointId: hotline.id,
      processId: await processId(c.process),
      topic: c.topic,
      notes: c.notes,
      checklist: { ...ALL_DONE, ...Object.fromEntries((c.missed ?? []).map((m) => [m, false])) },
      outcome: c.outcome,
      dueAt: c.outcome === 'follow_up' ? later : null,
      callbackAt: c.outcome === 'callback' ? later : null,
      startedAt: new Date(start).toISOString(),
    };
    await logCall(at(ctx, end), last, form);
    n++;
  }

  const line = (await lineByTokenHash(ctx.db, hashLineToken(token)))!;
  for (const [event, minutesAgo] of [
    ['ringing', 40],
    ['ended', 39.5],
  ] as const) {
    const when = now - minutesAgo * 60_000;
    await receiveTelephonyEvent(
      at(ctx, when),
      line,
      telephonyEventSchema.parse({
        event,
        callId: `demo-${Math.floor(now / 1000)}.7`,
        line: LINE_NUMBER,
        caller: '+7 987 204-33-19',
        at: new Date(when).toISOString(),
      }),
    );
  }
  return n + 1;
}
