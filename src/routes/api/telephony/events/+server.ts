import { appContext } from '$lib/server/context';
import { countHit, overLimit } from '$lib/server/security/public-limits';
import { handleTelephonyRequest } from '$lib/server/telephony/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, getClientAddress }) => {
  const ctx = appContext();
  // Token guessing is slowed per address; a PBX with its right token is never counted.
  const limited = await overLimit(ctx, 'telephonyAuth', getClientAddress());
  if (limited) return limited;
  const response = await handleTelephonyRequest(ctx, request);
  if (response.status === 401) await countHit(ctx, 'telephonyAuth', getClientAddress());
  return response;
};
