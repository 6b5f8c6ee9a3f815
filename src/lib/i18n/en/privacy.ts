import type { privacyRu } from '../ru/privacy';

/** Personal data (152-FZ, issue 13): English texts. */
export const privacyEn: Record<keyof typeof privacyRu, string> = {
  'privacy.link': 'Personal data: retention, export, access log',
  'privacy.title': 'Personal data',
  'privacy.intro':
    'Under 152-FZ personal data is kept no longer than its purpose requires. Appeals closed before the retention period are anonymised: names, contacts, texts, subjects and files are removed; numbers, dates, touchpoint and process stay, so metrics do not change.',
  'privacy.retention.title': 'Retention period',
  'privacy.retention.years': 'Anonymise appeals closed more than (years) ago',
  'privacy.retention.hint': 'A whole number from 1 to 75. Checked once a day.',
  'privacy.retention.save': 'Save period',
  'privacy.retention.saved': 'Retention period saved: {years} years.',
  'privacy.retention.lastRun': 'Last anonymisation: {at}',
  'privacy.retention.never': 'No anonymisation has run yet.',
  'privacy.retention.due':
    'Due for anonymisation now: {appeals} appeals, {clients} clients (closed before {cutoff}).',
  'privacy.retention.run': 'Anonymise now',
  'privacy.retention.confirm':
    'Anonymisation cannot be undone: texts, names and contacts will be removed. Continue?',
  'privacy.retention.done':
    'Anonymised {appeals} appeals and {clients} clients; {files} files deleted.',
  'privacy.export.title': 'Export a client’s data',
  'privacy.export.intro':
    'Everything held about a client (152-FZ art. 14): profile, contacts, appeals with their messages and attachment lists, calls, survey answers and the access log. The export is logged.',
  'privacy.export.client': 'Client number',
  'privacy.export.email': 'or client e-mail',
  'privacy.export.submit': 'Download JSON',
  'privacy.export.button': 'Export client data',
  'privacy.log.link': 'Client data access log',
  'privacy.log.title': 'Client data access log',
  'privacy.log.intro': 'Who opened appeals and client data, and when.',
  'privacy.log.user': 'Staff member',
  'privacy.log.anyUser': 'All staff',
  'privacy.log.client': 'Client number',
  'privacy.log.action': 'Action',
  'privacy.log.anyAction': 'All actions',
  'privacy.log.from': 'From',
  'privacy.log.to': 'To',
  'privacy.log.filter': 'Show',
  'privacy.log.reset': 'Reset',
  'privacy.log.at': 'When',
  'privacy.log.appeal': 'Appeal',
  'privacy.log.empty': 'No entries match.',
  'privacy.log.more': 'Show more',
  'privacy.log.system': 'system',
  'privacy.action.appeal.view': 'appeal viewed',
  'privacy.action.attachment.open': 'attachment opened',
  'privacy.action.client.export': 'data exported',
  'privacy.error.years': 'The retention period is a whole number of years from 1 to 75.',
  'privacy.error.email': 'Enter an e-mail like name@example.com.',
  'privacy.error.noClient': 'No such client.',
  'privacy.error.key': 'Enter a client number or e-mail.',
};
