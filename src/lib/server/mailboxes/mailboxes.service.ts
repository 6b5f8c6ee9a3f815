import { normalizeEmail } from '../../domain/clients/contacts';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import { insertTouchpoint } from '../registry/registry.queries';
import { encryptSecret } from '../secrets';
import type { ImapSettings, SmtpSettings } from './mailbox-url';
import { listMailboxViews, mailboxByAddress } from './mailboxes.queries';

export interface NewMailbox {
  address: string;
  displayName?: string | null;
  imap: ImapSettings;
  smtp: SmtpSettings;
}

/**
 * A mailbox for an e-mail touchpoint. The touchpoint with the same address is reused; when the
 * registry has none yet, an online e-mail touchpoint is created for the maintainer to place in
 * the registry. Passwords are stored encrypted (AES-256-GCM, see secrets.ts).
 */
export async function addMailbox(ctx: ServiceContext, actor: Actor, input: NewMailbox) {
  assertRole(actor, ['admin']);
  const address = normalizeEmail(input.address);
  if (!address) throw new DomainError('INVALID', 'mailboxes.invalidAddress');
  const now = ctx.clock.now().toISOString();
  return inTransaction(ctx, async (trx) => {
    if (await mailboxByAddress(trx, address)) {
      throw new DomainError('CONFLICT', 'mailboxes.addressTaken', { address });
    }
    const touchpoints = await trx
      .selectFrom('touchpoints')
      .select(['id', 'address'])
      .where('channel', '=', 'email')
      .execute();
    let touchpointId = touchpoints.find((t) => t.address?.trim().toLowerCase() === address)?.id;
    const touchpointCreated = touchpointId == null;
    touchpointId ??= await insertTouchpoint(trx, {
      name: `Электронная почта ${address}`,
      mode: 'online',
      channel: 'email',
      address,
      description: null,
      now,
    });
    const { id } = await trx
      .insertInto('mailboxes')
      .values({
        address,
        display_name: input.displayName?.trim() || null,
        touchpoint_id: touchpointId,
        imap_host: input.imap.host,
        imap_port: input.imap.port,
        imap_tls: input.imap.tls ? 1 : 0,
        imap_user: input.imap.user,
        imap_password: encryptSecret(input.imap.password),
        imap_folder: input.imap.folder,
        sent_folder: input.imap.sentFolder,
        smtp_host: input.smtp.host,
        smtp_port: input.smtp.port,
        smtp_tls: input.smtp.tls ? 1 : 0,
        smtp_user: input.smtp.user,
        smtp_password: input.smtp.password ? encryptSecret(input.smtp.password) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'mailbox.add',
      entity: 'mailbox',
      entityId: id,
      details: { address, touchpointId, touchpointCreated },
    });
    return { id, address, touchpointId, touchpointCreated };
  });
}

export async function listMailboxes(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, ['admin']);
  return listMailboxViews(ctx.db);
}
