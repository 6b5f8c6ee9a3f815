import { env } from '../env';

const HOUR = 3_600_000;

/**
 * Survey answers per network address per hour, counted in memory only: the address is never
 * written anywhere (seed 003 §3.3: as anonymous as possible). Each node counts its own; a restart
 * forgets. That is enough against a script filling the survey, which is all it is for.
 */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  constructor(private readonly perHour: () => number) {}

  /** Counts one attempt; false when the address has used up its hour. */
  take(address: string, now: Date): boolean {
    const t = now.getTime();
    const recent = (this.hits.get(address) ?? []).filter((x) => x > t - HOUR);
    if (recent.length >= this.perHour()) {
      this.hits.set(address, recent);
      return false;
    }
    recent.push(t);
    this.hits.set(address, recent);
    if (this.hits.size > 10_000) this.prune(t);
    return true;
  }

  private prune(t: number) {
    for (const [key, list] of this.hits) {
      if (!list.some((x) => x > t - HOUR)) this.hits.delete(key);
    }
  }

  reset() {
    this.hits.clear();
  }
}

export const surveyLimiter = new RateLimiter(() => env().OTKLIK_SURVEY_RATE_PER_HOUR);
