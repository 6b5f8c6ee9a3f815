import { NOTICE_DEFAULTS, NOTICES } from '../../src/lib/domain/deadlines/notices';
import { splitFullName } from '../../src/lib/domain/clients/contacts';
import { receiveInbound } from '../../src/lib/server/appeals/inbound.service';
import { logManual } from '../../src/lib/server/appeals/manual.service';
import { changeStatus } from '../../src/lib/server/appeals/work.service';
import { setTopic } from '../../src/lib/server/classify/classify.service';
import { loadLabelledSet } from '../../src/lib/server/classify/labelled-set';
import { SYSTEM, type Actor, type ServiceContext } from '../../src/lib/server/context';
import { extendDeadline, setDisposition } from '../../src/lib/server/deadlines/actions.service';
import { linkNoticeTemplate } from '../../src/lib/server/deadlines/notices.service';
import { deadlineTick } from '../../src/lib/server/deadlines/tick.service';
import { createTemplate, moveTemplate } from '../../src/lib/server/templates/templates.service';
import { findUserByEmail } from '../../src/lib/server/users/users.queries';

const HOUR = 3_600_000;

/**
 * The notices of dispositions, extensions and deferrals as templates of kind «notice», published
 * through the checklist like replies, each linked to its notice. Notices already linked stay.
 */
export async function seedNoticeTemplates(ctx: ServiceContext): Promise<number> {
  const linked = new Set(
    (await ctx.db.selectFrom('notice_templates').select('notice').execute()).map((r) => r.notice),
  );
  let n = 0;
  for (const notice of NOTICES) {
    if (linked.has(notice)) continue;
    const { title, body } = NOTICE_DEFAULTS[notice];
    const id = await createTemplate(ctx, SYSTEM, {
      kind: 'notice',
      title,
      body,
      tags: ['уведомление', 'сроки'],
    });
    await moveTemplate(ctx, SYSTEM, id, 'submit');
    await moveTemplate(ctx, SYSTEM, id, 'publish');
    await linkNoticeTemplate(ctx, SYSTEM, { notice, templateId: id });
    n++;
  }
  return n;
}

const at = (ctx: ServiceContext, ms: number): ServiceContext => ({
  ...ctx,
  clock: { now: () => new Date(ms) },
});

interface DemoItem {
  touchpoint: string;
  process: string;
  hoursAgo: number;
  messageKind?: 'appeal' | 'comment' | 'mention';
  client: string;
  segment?: 'citizen' | 'media';
  subject: string;
  text: string;
  then?: (ctx: ServiceContext, appealId: number, who: Actor) => Promise<void>;
}

const VK = 'Сообщество министерства во ВКонтакте';
const TG = 'Телеграм-канал министерства';
const POST = 'Почтовая связь';
const RECEPTION = 'Приёмная министерства (приём и выдача документов)';
const SITE =
  'Размещение информации о деятельности министерства на официальном сайте и в госпабликах';
const SUMMER = 'Информирование об организации отдыха и оздоровления детей';
const EXAMS = 'Информирование о проведении государственной итоговой аттестации (ОГЭ, ЕГЭ)';
const APPEALS = 'Рассмотрение обращений граждан';
const INFO = 'Рассмотрение запросов о предоставлении информации о деятельности министерства';

/** Appeals that show what issue 10's second part added: message kinds, forwarding, 8-FZ. */
const ITEMS: DemoItem[] = [
  {
    touchpoint: VK,
    process: SITE,
    hoursAgo: 3.4,
    messageKind: 'mention',
    client: 'Кириллова Светлана',
    subject: 'Упоминание: «министерство обещало выложить расписание кружков»',
    text: 'Пост в родительском сообществе с отметкой министерства: «Министерство обещало выложить на сайте расписание бесплатных кружков на осень, а его до сих пор нет. Где смотреть?»',
  },
  {
    touchpoint: VK,
    process: SUMMER,
    hoursAgo: 3,
    messageKind: 'appeal',
    client: 'Зайцев Андрей Павлович',
    subject: 'Сообщение сообществу: путёвка в лагерь для ребёнка-инвалида',
    text: 'Здравствуйте! Сыну 11 лет, инвалидность. Положена ли ему бесплатная путёвка в загородный лагерь этим летом и куда подавать заявление?',
  },
  {
    touchpoint: TG,
    process: EXAMS,
    hoursAgo: 0.5,
    messageKind: 'comment',
    client: 'Соколова Вера',
    subject: 'Комментарий: когда будут результаты пробного ОГЭ',
    text: 'Комментарий к записи о пробном ОГЭ по математике: «Когда и где можно будет узнать результаты? Классный руководитель не знает».',
  },
  {
    touchpoint: POST,
    process: APPEALS,
    // 6.5 days: past 80 % of the 7 days whatever the hour the seed runs.
    hoursAgo: 6.5 * 24,
    client: 'Гаврилов Николай Степанович',
    subject: 'Письмо о записи к неврологу в районной больнице',
    text: 'Прошу помочь записать внука к детскому неврологу в районной больнице: запись закрыта уже два месяца. Письмо пришло в министерство образования, вопрос касается здравоохранения.',
  },
  {
    touchpoint: POST,
    process: APPEALS,
    hoursAgo: 9 * 24,
    client: 'Ефимова Галина Андреевна',
    subject: 'Письмо о ремонте дороги к школе в селе Луговое',
    text: 'Дорогу к школе в селе Луговое размыло, дети ходят по обочине. Прошу отремонтировать дорогу до начала зимы.',
  },
  {
    touchpoint: POST,
    process: APPEALS,
    hoursAgo: 2 * 24,
    client: 'Тарасов Олег Викторович',
    subject: 'Письмо о льготном проезде студентов колледжа',
    text: 'Прошу разъяснить, почему студентам колледжа не продают льготный проездной на пригородный автобус. Перевозчик говорит, что это решает министерство.',
    then: async (ctx, appealId, who) => {
      await setDisposition(ctx, who, {
        appealId,
        disposition: 'forwarded',
        forwardedTo: 'Министерство транспорта и дорожного хозяйства Энской области',
      });
    },
  },
  {
    touchpoint: RECEPTION,
    process: INFO,
    hoursAgo: 1,
    client: 'Борисова Надежда Игоревна',
    segment: 'media',
    subject: 'Устный запрос: сколько школ отремонтировано в 2026 году',
    text: 'Журналист районной газеты устно запросила в приёмной сведения о том, сколько школ отремонтировано в 2026 году по региональной программе и на какую сумму.',
  },
  {
    touchpoint: POST,
    process: INFO,
    hoursAgo: 3 * 24,
    client: 'Лебедев Роман Юрьевич',
    subject: 'Запрос о расходах на школьное питание по районам',
    text: 'Прошу предоставить сведения о расходах областного бюджета на школьное питание в 2025 году с разбивкой по районам.',
    then: async (ctx, appealId, who) => {
      await extendDeadline(ctx, who, {
        appealId,
        days: 10,
        reason: 'сведения по районам собирают управления образования, на это нужно время',
      });
    },
  },
];

/**
 * Demo appeals for the message kinds, the forwarding deadline and 8-FZ requests, then one pass of
 * the deadline watch so the list of warnings and breaches has something to show. Appeals already
 * there (by subject) are not added again.
 */
export async function seedDeadlineDemo(ctx: ServiceContext): Promise<number> {
  const operator = await findUserByEmail(ctx.db, 'operator@otklik.example');
  const supervisor = await findUserByEmail(ctx.db, 'supervisor@otklik.example');
  if (!operator || !supervisor) return 0;
  const op: Actor = { kind: 'user', userId: operator.id, roles: ['operator'] };
  const sup: Actor = { kind: 'user', userId: supervisor.id, roles: ['supervisor'] };
  const [touchpoints, processes] = await Promise.all([
    ctx.db.selectFrom('touchpoints').select(['id', 'name']).execute(),
    ctx.db.selectFrom('processes').select(['id', 'name']).execute(),
  ]);
  const now = ctx.clock.now().getTime();
  let n = 0;
  for (const item of ITEMS) {
    const exists = await ctx.db
      .selectFrom('appeals')
      .select('id')
      .where('subject', '=', item.subject)
      .executeTakeFirst();
    const touchpointId = touchpoints.find((t) => t.name === item.touchpoint)?.id;
    const processId = processes.find((p) => p.name === item.process)?.id;
    if (exists || !touchpointId || !processId) continue;
    const when = now - item.hoursAgo * HOUR;
    const result = await logManual(at(ctx, when + 10 * 60_000), op, {
      touchpointId,
      processId,
      clientName: item.client,
      segment: item.segment ?? 'citizen',
      subject: item.subject,
      text: item.text,
      at: new Date(when).toISOString(),
      messageKind: item.messageKind ?? null,
    });
    if (item.then) await item.then(at(ctx, when + HOUR), result.appealId, sup);
    n++;
  }
  if (n) await deadlineTick(ctx);
  return n;
}

const HISTORY_PER_PROCESS = 3;
const NAMES = [
  'Алексеева Ольга Викторовна',
  'Белов Игорь Сергеевич',
  'Васильева Анна Петровна',
  'Григорьев Павел Андреевич',
  'Дмитриева Елена Юрьевна',
  'Егоров Михаил Иванович',
  'Жукова Татьяна Николаевна',
  'Захаров Сергей Олегович',
  'Ильина Марина Александровна',
];

/**
 * Closed appeals from earlier months whose topic operators confirmed or corrected: the
 * classifier holds a share of them out and the console shows its accuracy on those. Texts come
 * from the labelled demo set (the last few per process); training leaves held-out texts out.
 */
export async function seedConfirmedHistory(ctx: ServiceContext): Promise<number> {
  const samples = loadLabelledSet();
  const byLabel = new Map<string, string[]>();
  for (const s of samples) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s.text]);
  const [touchpoint, processes, operator] = await Promise.all([
    ctx.db
      .selectFrom('touchpoints')
      .select('id')
      .where('channel', '=', 'email')
      .orderBy('id')
      .executeTakeFirst(),
    ctx.db.selectFrom('processes').select(['id', 'name']).execute(),
    findUserByEmail(ctx.db, 'operator@otklik.example'),
  ]);
  if (!touchpoint || !operator) return 0;
  const op: Actor = { kind: 'user', userId: operator.id, roles: ['operator'] };
  const now = ctx.clock.now().getTime();
  let n = 0;
  let i = 0;
  for (const [label, texts] of byLabel) {
    const processId = processes.find((p) => p.name === label)?.id;
    if (!processId) continue;
    for (const text of texts.slice(-HISTORY_PER_PROCESS)) {
      i++;
      const subject = `${text.split(/[.!?]/u)[0]!.slice(0, 80).trim()}`;
      const exists = await ctx.db
        .selectFrom('appeals')
        .select('id')
        .where('subject', '=', subject)
        .executeTakeFirst();
      if (exists) continue;
      const start = now - (45 + ((i * 7) % 90)) * 24 * HOUR;
      const name = NAMES[i % NAMES.length]!;
      const result = await receiveInbound(at(ctx, start), {
        touchpointId: touchpoint.id,
        kind: 'email',
        client: {
          ...splitFullName(name),
          email: `demo.history.${i}@mail.example`,
          segment: 'citizen',
        },
        subject,
        text,
      });
      await setTopic(at(ctx, start + 2 * HOUR), op, { appealId: result.appealId, processId });
      await changeStatus(at(ctx, start + 26 * HOUR), SYSTEM, {
        appealId: result.appealId,
        status: 'closed',
      });
      n++;
    }
  }
  return n;
}
