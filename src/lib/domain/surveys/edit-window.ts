const DAY = 86_400_000;

/** Until when an answer may be changed through its link: `days` after the first answer. */
export function editableUntil(firstAnsweredAt: Date, days: number): Date {
  return new Date(firstAnsweredAt.getTime() + days * DAY);
}

/** The link still accepts a change at `now` (the last instant itself included). */
export function mayEdit(now: Date, until: string | Date): boolean {
  return now.getTime() <= new Date(until).getTime();
}

/** The state of a survey link for its page. */
export function linkState(
  now: Date,
  response: { editable_until: string } | null | undefined,
): 'new' | 'editable' | 'closed' {
  if (!response) return 'new';
  return mayEdit(now, response.editable_until) ? 'editable' : 'closed';
}
