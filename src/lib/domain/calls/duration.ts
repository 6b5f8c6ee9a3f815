/** «4:07», «1:02:15»: a running call timer or a stored call length. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

const DAY = 86_400_000;

/** When a call without telephony began, as the screen reports it: never ahead, at most a day back. */
export function callStart(reported: string | null | undefined, now: Date): string {
  const t = reported ? Date.parse(reported) : NaN;
  if (!Number.isFinite(t) || t > now.getTime() || t < now.getTime() - DAY) return now.toISOString();
  return new Date(t).toISOString();
}
