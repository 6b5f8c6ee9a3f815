import { normalizePhone } from '../clients/contacts';

/** «+79123456789» → «9123456789»: the form every way of writing a Russian number reduces to. */
export const nationalNumber = (phone: string): string => phone.slice(2);

/** The national number when the whole query is a Russian phone number, however written. */
export function queryPhone(userQuery: string): string | null {
  const phone = /^[\d\s()+-]+$/.test(userQuery) ? normalizePhone(userQuery) : null;
  return phone && nationalNumber(phone);
}

/** A stored contact as indexed: phones also under their national number. */
export const contactText = (contact: string): string =>
  /^\+7\d{10}$/.test(contact) ? `${contact} ${nationalNumber(contact)}` : contact;
