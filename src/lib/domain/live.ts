/** What the supervisor's board shows for a queue or a touchpoint. */
export interface Figures {
  waiting: number;
  oldestAt: string | null;
  atRisk: number;
  breached: number;
  arrivedHour: number;
  answeredHour: number;
  callsNow: number;
}

/** «12 мин», «3 ч 05 мин», «2 дн 4 ч»: how long something has waited, for a ticking display. */
export function waitedFor(
  sinceIso: string,
  now: number,
): { d: number; h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 1000));
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}
