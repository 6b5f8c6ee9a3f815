import { env } from '../env';

/** An absolute link for the public (tracking page, survey, forms): ORIGIN when set, else this host. */
export function publicUrl(pathname: string): string {
  const e = env();
  const origin = e.ORIGIN ?? `http://localhost:${e.PORT || 3000}`;
  return new URL(pathname, origin).toString();
}

export const trackingUrl = (token: string) => publicUrl(`/t/${token}`);
/** The satisfaction survey of one appeal (seed 000 §3.4 и, seed 004 §9). */
export const surveyUrl = (token: string) => publicUrl(`/s/${token}`);
