import type { mailboxesRu } from '../ru/mailboxes';

export const mailboxesEn: Record<keyof typeof mailboxesRu, string> = {
  'mailboxes.title': 'Mailboxes',
  'mailboxes.intro':
    'Mailboxes Otklik fetches mail from (IMAP) and sends replies through (SMTP). Add one with otklik mailbox add.',
  'mailboxes.empty': 'No mailboxes yet.',
  'mailboxes.address': 'Address',
  'mailboxes.touchpoint': 'Touchpoint',
  'mailboxes.server': 'IMAP server',
  'mailboxes.state': 'State',
  'mailboxes.lastFetch': 'Last fetch',
  'mailboxes.lastError': 'Last error',
  'mailboxes.technical': 'Details',
  'mailError.noMailbox':
    'No mailbox is set up for this touchpoint: an admin adds one with otklik mailbox add.',
  'mailError.diskFull': 'The Otklik server’s disk is full — mail is not being stored.',
  'mailError.auth': 'The mail server did not accept the mailbox’s login or password.',
  'mailError.certificate': 'The mail server’s certificate did not pass the check.',
  'mailError.notFound': 'The mail server’s address was not found — check the host name and DNS.',
  'mailError.refused': 'The mail server refuses connections — it is down or the port is wrong.',
  'mailError.timeout': 'The mail server did not answer in time.',
  'mailError.unreachable': 'The mail server cannot be reached over the network.',
  'mailError.dropped': 'The connection to the mail server broke off.',
  'mailboxes.never': 'never fetched',
  'mailboxes.inactive': 'disabled',
  'mailboxes.state.idle': 'waiting for the next fetch',
  'mailboxes.state.connected': 'connected',
  'mailboxes.state.error': 'error',
  'mailboxes.invalidAddress': 'The mailbox address is not valid.',
  'mailboxes.addressTaken': 'Mailbox {address} has already been added.',
};
