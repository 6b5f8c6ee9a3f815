import { appContext, SYSTEM } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../errors';
import { isMessageKey, translator } from '../../../i18n/messages';
import { MailboxUrlError, parseImapUrl, parseSmtpUrl } from '../../mailboxes/mailbox-url';
import { addMailbox, listMailboxes } from '../../mailboxes/mailboxes.service';
import { parseCommandArgs } from '../args';
import { EXIT, UsageError, type CliCommand } from '../command';

const t = translator('ru');

export const mailboxAddCommand: CliCommand = {
  path: ['mailbox', 'add'],
  usage:
    'otklik mailbox add --address ADDR --imap "imap://USER:PASS@HOST:PORT/FOLDER?tls=off[&sent=Sent]" --smtp "smtp://[USER:PASS@]HOST:PORT?tls=off" [--name NAME]',
  summary: 'add a mailbox (and its e-mail touchpoint when the registry has none for the address)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      address: { type: 'string' },
      imap: { type: 'string' },
      smtp: { type: 'string' },
      name: { type: 'string' },
    });
    if (!values.address || !values.imap || !values.smtp) {
      throw new UsageError('--address, --imap and --smtp are required');
    }
    let imap, smtp;
    try {
      imap = parseImapUrl(values.imap);
      smtp = parseSmtpUrl(values.smtp);
    } catch (err) {
      if (err instanceof MailboxUrlError) throw new UsageError(err.message);
      throw err;
    }
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    try {
      const added = await addMailbox(ctx, SYSTEM, {
        address: values.address,
        displayName: values.name ?? null,
        imap,
        smtp,
      });
      io.stdout(
        `Added mailbox #${added.id} ${added.address} (IMAP ${imap.host}:${imap.port}/${imap.folder}, SMTP ${smtp.host}:${smtp.port}); touchpoint #${added.touchpointId}${added.touchpointCreated ? ' created' : ''}\n`,
      );
      return EXIT.ok;
    } catch (err) {
      if (err instanceof DomainError) {
        io.stderr(
          `${isMessageKey(err.message) ? t(err.message, err.details as never) : err.message}\n`,
        );
        return EXIT.invalid;
      }
      throw err;
    }
  },
};

export const mailboxListCommand: CliCommand = {
  path: ['mailbox', 'list'],
  usage: 'otklik mailbox list [--json]',
  summary: 'list mailboxes with their state, last fetch and last error (never passwords)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const boxes = await listMailboxes(ctx, SYSTEM);
    if (values.json) {
      for (const m of boxes) io.stdout(`${JSON.stringify(m)}\n`);
      return EXIT.ok;
    }
    if (!boxes.length) io.stdout('No mailboxes.\n');
    for (const m of boxes) {
      const error = m.lastError ? `\tlast error ${m.lastErrorAt}: ${m.lastError}` : '';
      io.stdout(
        `#${m.id}\t${m.address}\t${m.imap}\t${m.state}${m.active ? '' : ' (inactive)'}\tlast fetch ${m.lastFetchAt ?? 'never'}${error}\n`,
      );
    }
    return EXIT.ok;
  },
};
