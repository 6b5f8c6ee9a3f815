import { sql } from 'kysely';
import { clientDisplayName } from '../../domain/clients/contacts';
import { shortDate } from '../../domain/templates/variables';
import { recordAudit } from '../audit/audit.queries';
import { assertMaySeeAppealId } from '../appeals/access';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { putAttachment, readAttachment } from '../files/attachment-store';
import { renderLetter, type LetterData } from './pdf';
import { letterhead, type Letterhead } from './settings.service';

const STAFF = ['operator', 'supervisor'] as const;

export interface LetterFile {
  fileName: string;
  bytes: Uint8Array;
  /** The registered outgoing number; null on a preview. */
  number: string | null;
}

/** The next outgoing number of the year, taken in the caller's transaction: no gaps, no repeats. */
async function nextLetterSeq(trx: Db, year: number): Promise<number> {
  await trx
    .insertInto('letter_counters')
    .values({ year, last: 0 })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  const row = await trx
    .updateTable('letter_counters')
    .set({ last: sql`last + 1` })
    .where('year', '=', year)
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

const moscowYear = (now: Date) => new Date(now.getTime() + 3 * 3_600_000).getUTCFullYear();

async function staffName(db: Db, actor: Actor) {
  if (actor.kind !== 'user') return null;
  return db
    .selectFrom('users')
    .select(['name', 'position'])
    .where('id', '=', actor.userId)
    .executeTakeFirst();
}

async function emblemBytes(head: Letterhead): Promise<Uint8Array | null> {
  if (!head.emblem) return null;
  try {
    return await readAttachment(head.emblem.sha256);
  } catch {
    return null;
  }
}

/** Signed by the signatory the admin set; until then, by the person answering. */
function signatory(
  head: Letterhead,
  staff: { name: string; position: string | null } | null | undefined,
) {
  if (head.signatoryName) return { name: head.signatoryName, position: head.signatoryPosition };
  return { name: staff?.name ?? '', position: staff?.position ?? '' };
}

/**
 * A reply to a formal appeal as a PDF letter on the official letterhead (seed 000 §3.5), for the
 * composer to attach. Unless `draft`, the letter takes the next outgoing number of the year and
 * is entered in the register with its file; a draft is a preview marked «ПРОЕКТ».
 */
export async function letterPdf(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; text: string; draft?: boolean },
): Promise<LetterFile> {
  assertRole(actor, STAFF);
  await assertMaySeeAppealId(ctx.db, actor, input.appealId);
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  if (!text) throw new DomainError('INVALID', 'letterhead.textEmpty');
  const appeal = await ctx.db
    .selectFrom('appeals as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'a.id',
      'a.number',
      'a.created_at as createdAt',
      'a.client_id as clientId',
      'c.surname',
      'c.first_name as firstName',
      'c.patronymic',
      'c.organization',
    ])
    .where('a.id', '=', input.appealId)
    .executeTakeFirst();
  if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const email = await ctx.db
    .selectFrom('client_contacts')
    .select('value')
    .where('client_id', '=', appeal.clientId)
    .where('kind', '=', 'email')
    .orderBy('id')
    .executeTakeFirst();
  const [head, staff] = await Promise.all([letterhead(ctx.db), staffName(ctx.db, actor)]);
  const now = ctx.clock.now();
  const name = clientDisplayName({
    surname: appeal.surname,
    firstName: appeal.firstName,
    patronymic: appeal.patronymic,
    organization: appeal.organization,
  });
  const sign = signatory(head, staff);
  const data: LetterData = {
    agencyName: head.agencyName,
    emblem: await emblemBytes(head),
    requisites: head.requisites,
    number: null,
    date: shortDate(now),
    reference: { number: appeal.number, date: shortDate(appeal.createdAt) },
    addressee: [name, email?.value].filter((l): l is string => !!l),
    text,
    signatory: sign,
    executor: staff ? `Исп.: ${staff.name}` : null,
    title: `Ответ на обращение № ${appeal.number}`,
  };
  const fileName = `Ответ на обращение ${appeal.number}.pdf`;
  if (input.draft) return { fileName, bytes: await renderLetter(data), number: null };

  return inTransaction(ctx, async (trx) => {
    const year = moscowYear(now);
    const seq = await nextLetterSeq(trx, year);
    const number = `${head.numberPrefix}${seq}`;
    const bytes = await renderLetter({ ...data, number });
    const sha256 = await putAttachment(bytes);
    await trx
      .insertInto('outgoing_letters')
      .values({
        year,
        seq,
        number,
        appeal_id: appeal.id,
        addressee: data.addressee.join(', '),
        signatory: [sign.position, sign.name].filter(Boolean).join(' '),
        file_sha256: sha256,
        created_by: actor.kind === 'user' ? actor.userId : null,
        created_at: now.toISOString(),
      })
      .execute();
    await recordAudit(trx, now, actor, {
      action: 'letter.register',
      entity: 'appeal',
      entityId: appeal.number,
      details: { number, year },
    });
    return { fileName, bytes, number };
  });
}

export const SAMPLE_LETTER = [
  'Уважаемая Мария Ивановна!',
  'Министерство рассмотрело ваше обращение о месте в детском саду для сына.',
  'Ваш сын стоит в очереди в детский сад № 15. Свободные места появляются летом, когда старшие дети уходят в школу. По нашим расчётам, место освободится в августе.',
  'Пожалуйста, оцените наш ответ: https://opros.example.ru/obrazets',
].join('\n\n');

/** The admin's preview of the letterhead with a sample letter, before any real one goes out. */
export async function letterheadPreview(ctx: ServiceContext, actor: Actor): Promise<LetterFile> {
  assertRole(actor, ['admin']);
  const [head, staff] = await Promise.all([letterhead(ctx.db), staffName(ctx.db, actor)]);
  const now = ctx.clock.now();
  const bytes = await renderLetter({
    agencyName: head.agencyName,
    emblem: await emblemBytes(head),
    requisites: head.requisites,
    number: null,
    date: shortDate(now),
    reference: { number: '2026-000123', date: shortDate(now) },
    addressee: ['Иванова Мария Ивановна', 'ivanova@example.ru'],
    text: SAMPLE_LETTER,
    signatory: signatory(head, staff),
    executor: staff ? `Исп.: ${staff.name}` : null,
    title: 'Образец письма',
  });
  return { fileName: 'Образец бланка.pdf', bytes, number: null };
}
