import type { Locale } from '../../i18n/messages';
import {
  hasErrors,
  validateSubmission,
  type Errors,
  type Values,
} from '../../domain/webforms/validate';
import { receiveInboundIn } from '../appeals/inbound.service';
import { findByExternalId, type NewAttachment } from '../appeals/interactions.queries';
import { ackedRecently, queueAcknowledgement } from '../channels/email/ack/acknowledge';
import { inTransaction, type Emit, type ServiceContext } from '../context';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { putAttachment } from '../files/attachment-store';
import { activeMailboxes } from '../mailboxes/mailboxes.queries';
import { webformLimits, ratePerHour } from './limits';
import { logSubmission, submissionsSince, webformBySlug } from './webforms.queries';

export interface UploadedFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface Submission {
  slug: string;
  values: Values;
  consent: boolean;
  /** The hidden field people never see; anything in it means a robot filled the form. */
  honeypot: string;
  files: UploadedFile[];
  /** The client's network address, for the per-address limit. */
  address: string;
  language: Locale;
  /** A random id put in the form when it was shown: a second POST of the same form is one appeal. */
  submissionId?: string | null;
}

export type SubmitResult =
  | { ok: true; number: string; token: string; created: boolean; acknowledged: boolean }
  | { ok: false; errors: Errors };

const HOUR = 3_600_000;
const SUBMISSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A web-form submission becomes an appeal through `receiveInbound` in one transaction with the
 * rate-limit line and the e-mail acknowledgement (seed 000 §3.4: feedback on every action;
 * seed 001 §3.2.4: consent is required). A refused submission says why, field by field.
 */
export async function submitWebform(ctx: ServiceContext, s: Submission): Promise<SubmitResult> {
  const form = await webformBySlug(ctx.db, s.slug);
  if (!form || !form.active) throw new DomainError('NOT_FOUND', 'errors.notFound');
  if (s.honeypot.trim()) return { ok: false, errors: { form: 'webform.error.honeypot' } };
  const files = s.files.filter((f) => f.bytes.byteLength > 0 || f.name);
  const errors = validateSubmission(
    form.fields,
    s.values,
    s.consent,
    files.map((f) => ({ name: f.name, size: f.bytes.byteLength })),
    webformLimits(),
    form.processIds,
  );
  if (hasErrors(errors)) return { ok: false, errors };

  const attachments: NewAttachment[] = [];
  for (const f of files) {
    attachments.push({
      name: f.name.slice(0, 200),
      contentType: f.type || 'application/octet-stream',
      size: f.bytes.byteLength,
      sha256: await putAttachment(f.bytes),
    });
  }
  const v = (k: keyof Values) => s.values[k]?.trim() || null;
  const externalId =
    s.submissionId && SUBMISSION_ID.test(s.submissionId) ? `webform:${s.submissionId}` : null;
  const processId = v('processId') ? Number(v('processId')) : null;

  return inTransaction(ctx, async (trx, emit) => {
    const now = ctx.clock.now();
    if (!(externalId && (await findByExternalId(trx, externalId)))) {
      const since = new Date(now.getTime() - HOUR).toISOString();
      if ((await submissionsSince(trx, s.address, since)) >= ratePerHour()) {
        return { ok: false, errors: { form: 'webform.error.rateLimited' } } as const;
      }
      await logSubmission(trx, s.address, now.toISOString(), since);
    }
    const result = await receiveInboundIn(trx, emit, ctx, {
      touchpointId: form.touchpointId,
      kind: 'webform',
      client: {
        surname: v('surname'),
        firstName: v('firstName'),
        patronymic: v('patronymic'),
        email: v('email'),
        phone: v('phone'),
      },
      subject: v('subject') ?? '',
      text: s.values.text!.trim(),
      externalId,
      processId,
      attachments,
      meta: { form: form.slug, language: s.language },
    });
    let acknowledged = false;
    if (result.created) {
      await trx
        .updateTable('appeals')
        .set({ language: s.language })
        .where('id', '=', result.appealId)
        .execute();
      const email = v('email');
      if (email) acknowledged = await acknowledge(trx, emit, result.appealId, email, now);
    }
    const appeal = await trx
      .selectFrom('appeals')
      .select('tracking_token')
      .where('id', '=', result.appealId)
      .executeTakeFirstOrThrow();
    return {
      ok: true,
      number: result.number,
      token: appeal.tracking_token ?? '',
      created: result.created,
      acknowledged,
    } as const;
  });
}

/**
 * The e-mail acknowledgement goes through the e-mail channel's outbox, from the agency's first
 * active mailbox; one per address per window, so the form cannot be used to flood someone's inbox.
 */
async function acknowledge(trx: Db, emit: Emit, appealId: number, to: string, now: Date) {
  const [mailbox] = await activeMailboxes(trx);
  if (!mailbox || (await ackedRecently(trx, to.toLowerCase(), now))) return false;
  await queueAcknowledgement(trx, emit, {
    appealId,
    to: to.toLowerCase(),
    inReplyTo: null,
    references: [],
    mailbox,
    now: now.toISOString(),
  });
  return true;
}
