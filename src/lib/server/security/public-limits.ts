import type { ServiceContext } from '../context';
import { env } from '../env';
import { recordHit, retryAfterSeconds, type Window } from './rate-limit';

const HOUR = 3_600_000;

/** Limits of public endpoints that had none: counted per client address, shared by all nodes. */
const PUBLIC_LIMITS = {
  /** Downloads of the published registry (each builds a file). */
  registryExport: (): Window => ({ limit: env().OTKLIK_PUBLIC_EXPORTS_PER_HOUR, ms: HOUR }),
  /** Requests to the telephony webhook with a missing or wrong token. */
  telephonyAuth: (): Window => ({ limit: env().OTKLIK_TELEPHONY_AUTH_FAILURES_PER_HOUR, ms: HOUR }),
} as const;

export type PublicLimit = keyof typeof PUBLIC_LIMITS;

/** A 429 answer with Retry-After when the address is over the limit; null when it may go on. */
export async function overLimit(
  ctx: ServiceContext,
  limit: PublicLimit,
  address: string,
): Promise<Response | null> {
  const wait = await retryAfterSeconds(
    ctx.db,
    `public.${limit}`,
    address,
    ctx.clock.now(),
    PUBLIC_LIMITS[limit](),
  );
  if (!wait) return null;
  const minutes = Math.max(1, Math.ceil(wait / 60));
  return new Response(`Слишком много запросов с этого адреса. Повторите через ${minutes} мин.\n`, {
    status: 429,
    headers: { 'Retry-After': String(wait), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

export function countHit(ctx: ServiceContext, limit: PublicLimit, address: string): Promise<void> {
  return recordHit(ctx.db, `public.${limit}`, address, ctx.clock.now());
}
