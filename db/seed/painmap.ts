import { randomBytes } from 'node:crypto';
import { painKey } from '../../src/lib/domain/painmap';
import { receiveInbound } from '../../src/lib/server/appeals/inbound.service';
import { changeStatus } from '../../src/lib/server/appeals/work.service';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import {
  createAction,
  painMap,
  setActionStatus,
  setFixability,
} from '../../src/lib/server/painmap/painmap.service';

const DAY = 86_400_000;
type UserActor = Actor & { kind: 'user' };

export interface PainMapActors {
  maintainer: UserActor;
  supervisor: UserActor;
  operator: UserActor;
  editor: UserActor;
}

const FORM = 'Веб-форма обращений на официальном сайте';
const HOTLINE = 'Телефон горячей линии министерства';
const CITIZENS = 'Рассмотрение обращений граждан';
const EXAMS = 'Информирование о проведении государственной итоговой аттестации (ОГЭ, ЕГЭ)';

interface PastAppeal {
  daysAgo: number;
  name: string;
  email?: string;
  phone?: string;
  subject: string;
  text: string;
  /** A survey answer left on the reply, when the demo has the reply questionnaire. */
  answer?: { rating: number; resolved: number; comment?: string };
}

/**
 * The web form before and after the fix of spring: letters that vanished without an acknowledgement
 * (complaints and repeats), then quiet. The action on it was created 45 days ago, done 20 days ago.
 */
const FORM_APPEALS: PastAppeal[] = [
  {
    daysAgo: 70,
    name: 'Белоусова Татьяна Николаевна',
    email: 'belousova.tn@mail.example',
    subject: 'Не пришло подтверждение о регистрации обращения',
    text: 'Отправила обращение через сайт неделю назад, никакого подтверждения нет. Возмутительно, не знаю даже, дошло ли оно.',
    answer: {
      rating: 1,
      resolved: 0,
      comment: 'Так и не поняла, зарегистрировали ли моё обращение.',
    },
  },
  {
    daysAgo: 67,
    name: 'Белоусова Татьяна Николаевна',
    email: 'belousova.tn@mail.example',
    subject: 'Повторно: обращение о переводе сына в другую школу',
    text: 'Пишу второй раз, так как ответа на первое обращение нет. Прошу сообщить его номер.',
  },
  {
    daysAgo: 63,
    name: 'Хабибуллин Артур Ринатович',
    email: 'khabibullin.ar@mail.example',
    subject: 'Форма на сайте не принимает файлы',
    text: 'Безобразие: при отправке формы с приложенной справкой страница выдаёт ошибку, обращение приходится отправлять трижды.',
    answer: { rating: 2, resolved: 0, comment: 'Форма на сайте сбрасывает вложения.' },
  },
  {
    daysAgo: 58,
    name: 'Лаптева Ирина Олеговна',
    email: 'lapteva.io@mail.example',
    subject: 'Вопрос о компенсации за питание',
    text: 'Подскажите, куда обращаться за компенсацией стоимости питания ребёнка с ОВЗ на домашнем обучении.',
    answer: { rating: 4, resolved: 1 },
  },
  {
    daysAgo: 52,
    name: 'Сафин Марат Ильдусович',
    email: 'safin.mi@mail.example',
    subject: 'Жалоба на работу формы обратной связи',
    text: 'Третий раз отправляю обращение, до сих пор нет никакого ответа и номера обращения.',
  },
  {
    daysAgo: 38,
    name: 'Голубева Наталья Павловна',
    email: 'golubeva.np@mail.example',
    subject: 'Подвоз детей в школу в посёлке Берёзовка',
    text: 'Просим разъяснить, кто организует подвоз детей в школу после закрытия остановки у старого клуба.',
    answer: { rating: 4, resolved: 1 },
  },
  {
    daysAgo: 31,
    name: 'Рябов Константин Андреевич',
    email: 'ryabov.ka@mail.example',
    subject: 'Сроки рассмотрения обращения о летнем лагере',
    text: 'Спасибо за быстрое подтверждение регистрации. Подскажите, когда ждать ответа по существу?',
    answer: { rating: 5, resolved: 1, comment: 'Номер обращения пришёл сразу, удобно.' },
  },
  {
    daysAgo: 24,
    name: 'Мухаметова Алсу Ришатовна',
    email: 'mukhametova.ar@mail.example',
    subject: 'Перевод ребёнка на семейное обучение',
    text: 'Какие документы нужны для перевода дочери на семейное обучение со следующей четверти?',
    answer: { rating: 5, resolved: 1 },
  },
];

/** The hotline these weeks: parents call again and again about exam results. */
const HOTLINE_APPEALS: PastAppeal[] = [
  {
    daysAgo: 9,
    name: 'Костина Елена Викторовна',
    phone: '+7 912 404-11-25',
    subject: 'Звонок: когда будут результаты ОГЭ по математике',
    text: 'Мама девятиклассницы спрашивает, когда и где можно узнать результаты ОГЭ по математике.',
  },
  {
    daysAgo: 6,
    name: 'Костина Елена Викторовна',
    phone: '+7 912 404-11-25',
    subject: 'Повторный звонок: результаты ОГЭ',
    text: 'Звонит повторно: на сайте результатов нет, в школе не знают. Недовольна, что не могут дать точный ответ.',
  },
  {
    daysAgo: 5,
    name: 'Ахметов Ренат Фаридович',
    phone: '+7 917 330-42-08',
    subject: 'Звонок: апелляция по результатам ЕГЭ',
    text: 'Отец выпускника спрашивает, в какие сроки подаётся апелляция о несогласии с выставленными баллами.',
  },
  {
    daysAgo: 3,
    name: 'Ахметов Ренат Фаридович',
    phone: '+7 917 330-42-08',
    subject: 'Повторный звонок: апелляция по ЕГЭ',
    text: 'Снова звонит по апелляции: до сих пор нет понятного ответа, куда подавать заявление.',
  },
];

function at(ctx: ServiceContext, when: number): ServiceContext {
  return { ...ctx, clock: { now: () => new Date(when) } };
}

async function idOf(ctx: ServiceContext, table: 'touchpoints' | 'processes', name: string) {
  const row = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id ?? null;
}

async function play(
  ctx: ServiceContext,
  who: PainMapActors,
  touchpointId: number,
  processId: number,
  kind: 'webform' | 'call',
  list: PastAppeal[],
  questionnaireId: number | null,
) {
  const now = ctx.clock.now().getTime();
  for (const a of list) {
    const start = now - a.daysAgo * DAY;
    const [surname, firstName, patronymic] = a.name.split(' ');
    const r = await receiveInbound(
      at(ctx, start),
      {
        touchpointId,
        processId,
        kind,
        client: { surname, firstName, patronymic, email: a.email, phone: a.phone },
        subject: a.subject,
        text: a.text,
      },
      kind === 'call' ? who.operator : null,
    );
    // Long settled: these do not belong in today's queues.
    await changeStatus(at(ctx, start + 2 * DAY), who.supervisor, {
      appealId: r.appealId,
      status: 'closed',
    });
    if (a.answer && questionnaireId != null) {
      const linkAt = new Date(start + 2 * DAY).toISOString();
      const answeredAt = new Date(start + 3 * DAY).toISOString();
      const token = randomBytes(16).toString('base64url');
      await ctx.db
        .insertInto('survey_links')
        .values({
          token,
          appeal_id: r.appealId,
          interaction_id: null,
          call_id: null,
          touchpoint_id: touchpointId,
          process_id: processId,
          unit_id: null,
          operator_id: who.operator.userId,
          channel: kind,
          created_at: linkAt,
        })
        .execute();
      await ctx.db
        .insertInto('survey_responses')
        .values({
          questionnaire_id: questionnaireId,
          link_token: token,
          appeal_id: r.appealId,
          touchpoint_id: touchpointId,
          process_id: processId,
          unit_id: null,
          operator_id: who.operator.userId,
          channel: kind,
          rating: a.answer.rating,
          resolved: a.answer.resolved,
          comment: a.answer.comment ?? null,
          answers: JSON.stringify({
            rating: a.answer.rating,
            resolved: a.answer.resolved === 1,
            comment: a.answer.comment ?? '',
          }),
          created_at: answeredAt,
          updated_at: answeredAt,
          editable_until: new Date(start + 10 * DAY).toISOString(),
        })
        .execute();
    }
  }
}

/**
 * Demo pain map (seed 003 §3.5–3.7): a web-form pain point fixed by an action done 20 days ago, so
 * its effect shows, and a hotline pain point with a fresh action; fixability rated for a few points.
 * Runs once: does nothing when any improvement action exists.
 */
export async function seedPainMap(ctx: ServiceContext, who: PainMapActors): Promise<number> {
  const any = await ctx.db
    .selectFrom('improvement_actions')
    .select('id')
    .limit(1)
    .executeTakeFirst();
  if (any) return 0;
  const form = await idOf(ctx, 'touchpoints', FORM);
  const hotline = await idOf(ctx, 'touchpoints', HOTLINE);
  const citizens = await idOf(ctx, 'processes', CITIZENS);
  const exams = await idOf(ctx, 'processes', EXAMS);
  if (form == null || hotline == null || citizens == null || exams == null) return 0;

  // Survey answers are the surveys' own demo; ours only when none of them is negative yet.
  const reply = await ctx.db
    .selectFrom('questionnaires')
    .select('id')
    .where('kind', '=', 'reply')
    .orderBy('id')
    .executeTakeFirst();
  const negative = await ctx.db
    .selectFrom('survey_responses')
    .select('id')
    .where((eb) => eb.or([eb('rating', '<=', 2), eb('resolved', '=', 0)]))
    .limit(1)
    .executeTakeFirst();
  const questionnaireId = reply && !negative ? reply.id : null;

  await play(ctx, who, form, citizens, 'webform', FORM_APPEALS, questionnaireId);
  await play(ctx, who, hotline, exams, 'call', HOTLINE_APPEALS, null);

  const now = ctx.clock.now().getTime();
  const formKey = painKey(form, citizens);
  const hotlineKey = painKey(hotline, exams);
  const day = (d: number) => new Date(now + d * DAY).toISOString().slice(0, 10);

  const done = await createAction(at(ctx, now - 45 * DAY), who.maintainer, {
    key: formKey,
    title: 'Автоматическое подтверждение регистрации обращений с веб-формы',
    description:
      'Подключить отправку заявителю номера обращения и ссылки на страницу отслеживания сразу после отправки формы; исправить загрузку вложений до 10 МБ.',
    ownerId: who.supervisor.userId,
    dueDate: day(-25),
  });
  await setActionStatus(at(ctx, now - 30 * DAY), who.maintainer, {
    id: done,
    status: 'in_progress',
  });
  await setActionStatus(at(ctx, now - 20 * DAY), who.maintainer, { id: done, status: 'done' });
  await setFixability(at(ctx, now - 46 * DAY), who.maintainer, {
    key: formKey,
    fixability: 1,
    note: 'Настройка формы и шаблона подтверждения, без изменения регламента',
  });

  await setFixability(at(ctx, now - 3 * DAY), who.maintainer, {
    key: hotlineKey,
    fixability: 2,
    note: 'Нужны сведения от регионального центра обработки информации',
  });
  const planned = await createAction(at(ctx, now - 3 * DAY), who.maintainer, {
    key: hotlineKey,
    title: 'Ответы о результатах ОГЭ и ЕГЭ в скрипте горячей линии',
    description:
      'Добавить в скрипт сроки объявления результатов, порядок и сроки подачи апелляции, ссылку на раздел сайта; провести инструктаж операторов.',
    ownerId: who.editor.userId,
    dueDate: day(25),
  });
  await setActionStatus(at(ctx, now - 2 * DAY), who.maintainer, {
    id: planned,
    status: 'in_progress',
  });

  // One more rating on the biggest pain point nobody has rated yet, as a maintainer would start.
  const map = await painMap(ctx, who.maintainer, { days: 90 });
  const next = map.points.find((p) => p.fixability == null);
  if (next) {
    await setFixability(ctx, who.maintainer, { key: next.key, fixability: 3 });
  }
  return 2;
}
