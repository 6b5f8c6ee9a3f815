import type { Channel, Mode } from './vocabulary';

/**
 * The mode each channel belongs to, from the orders' own lists of touchpoints.
 *
 * Online (seed 000 §3.2, seed 004 §7, seed 001 §4.1): the official site and its forms, e-mail,
 * Gosuslugi and other portals, social networks, messenger channels, chat-bots, the EDMS («СЭД»)
 * and video conferencing («ВКС»).
 *
 * Offline (seed 000 §3.3, seed 004 §8, seed 001 §4.2): post, personal reception and workplaces,
 * and the telephone. All three orders list «телефонная связь» among offline touchpoints, so a
 * phone line is offline even when a voice robot answers it; it is a live channel in Otklik, which
 * is a different question.
 *
 * `other` (an information stand, a network drive, a mobile app…) may be either.
 */
export const CHANNEL_MODE: Record<Channel, Mode | null> = {
  email: 'online',
  webform: 'online',
  portal: 'online',
  social: 'online',
  messenger: 'online',
  chatbot: 'online',
  edms: 'online',
  video: 'online',
  phone: 'offline',
  post: 'offline',
  in_person: 'offline',
  other: null,
};

export function expectedMode(channel: Channel): Mode | null {
  return CHANNEL_MODE[channel];
}

/** Channels whose touchpoint is useless to a client without an address (mailbox, URL, number, room). */
export const ADDRESS_EXPECTED: ReadonlySet<Channel> = new Set<Channel>([
  'email',
  'webform',
  'phone',
  'portal',
  'social',
  'messenger',
  'chatbot',
  'post',
  'in_person',
]);
