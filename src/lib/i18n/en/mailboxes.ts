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
  'mailboxes.never': 'never fetched',
  'mailboxes.inactive': 'disabled',
  'mailboxes.state.idle': 'waiting for the next fetch',
  'mailboxes.state.connected': 'connected',
  'mailboxes.state.error': 'error',
  'mailboxes.invalidAddress': 'The mailbox address is not valid.',
  'mailboxes.addressTaken': 'Mailbox {address} has already been added.',
};
