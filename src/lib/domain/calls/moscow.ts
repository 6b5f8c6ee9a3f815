/** The contact centre works on Moscow time (UTC+3 all year since 2014). */
const OFFSET_MS = 3 * 3_600_000;

/** The value of a `datetime-local` field showing an instant in Moscow time: «2026-03-02T14:30». */
export function toMoscowInput(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Moscow time, as an ISO instant; null when it is not one. */
export function fromMoscowInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+03:00`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** End of the working day (18:00 Moscow) of a date, as an ISO instant: a follow-up's deadline. */
export function endOfMoscowDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const ms = Date.parse(`${date}T18:00:00+03:00`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
