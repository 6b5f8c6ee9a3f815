export const STATUSES = ['new', 'open', 'waiting', 'answered', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Where an operator may move an appeal by hand from each status. */
const MANUAL: Record<Status, readonly Status[]> = {
  new: ['open', 'waiting', 'closed'],
  open: ['waiting', 'answered', 'closed'],
  waiting: ['open', 'answered', 'closed'],
  answered: ['open', 'waiting', 'closed'],
  closed: ['open'],
};

export function canMove(from: Status, to: Status): boolean {
  return MANUAL[from].includes(to);
}

/** A client's new message reopens the appeal whatever its status, except a brand-new one. */
export function statusAfterInbound(current: Status): Status {
  return current === 'new' ? 'new' : 'open';
}

/** A reply to the client answers the appeal. */
export function statusAfterReply(): Status {
  return 'answered';
}

export const OPEN_STATUSES: readonly Status[] = ['new', 'open', 'waiting'];

export function formatAppealNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(6, '0')}`;
}

const NUMBER = /\b(20\d{2})-(\d{6})\b/;

/** The appeal number a client quotes in a subject line or a tracking link, if any. */
export function findAppealNumber(text: string): string | null {
  const m = NUMBER.exec(text);
  return m ? `${m[1]}-${m[2]}` : null;
}
