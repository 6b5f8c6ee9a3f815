import { defaultFields } from '../../src/lib/domain/webforms/fields';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { saveWebform } from '../../src/lib/server/webforms/settings.service';
import {
  processesOfTouchpoint,
  webformByTouchpoint,
} from '../../src/lib/server/webforms/webforms.queries';

export const DEMO_WEBFORM_SLUG = 'obrashcheniya';
const DEMO_TOUCHPOINT = 'Веб-форма обращений на официальном сайте';

/** The demo agency's public form at /f/obrashcheniya; left as it is when already configured. */
export async function seedWebforms(ctx: ServiceContext): Promise<number> {
  const touchpoint = await ctx.db
    .selectFrom('touchpoints')
    .select('id')
    .where('channel', '=', 'webform')
    .where('name', '=', DEMO_TOUCHPOINT)
    .executeTakeFirst();
  if (!touchpoint || (await webformByTouchpoint(ctx.db, touchpoint.id))) return 0;
  const processes = await processesOfTouchpoint(ctx.db, touchpoint.id);
  await saveWebform(ctx, SYSTEM, {
    touchpointId: touchpoint.id,
    slug: DEMO_WEBFORM_SLUG,
    active: true,
    fields: defaultFields().map((f) =>
      f.key === 'subject'
        ? { ...f, hint: 'Коротко, в нескольких словах: например, «Зачисление в первый класс».' }
        : f,
    ),
    intro:
      'Напишите нам — обращение зарегистрируем сразу и сообщим номер. Ответ придёт на почту или по телефону, а ход рассмотрения можно смотреть по ссылке.',
    thanks: 'Спасибо! Мы рассмотрим ваше обращение и ответим в срок.',
    processIds: processes.map((p) => p.id),
    embedOrigins: 'https://minobr.example.ru',
    policyUrl: 'https://minobr.example.ru/politika-personalnyh-dannyh',
  });
  return 1;
}
