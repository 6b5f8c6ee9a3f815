import { nameFromDisplay } from '../parse/display-name';
import type { MailFilter } from './types';

/** The client is whoever the From header names: matched by address, named by the display name. */
export const senderFilter: MailFilter = {
  name: 'sender',
  run(mail) {
    const { address, name } = mail.parsed.from;
    mail.client = { ...nameFromDisplay(name), email: address };
  },
};
