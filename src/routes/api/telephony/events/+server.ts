import { appContext } from '$lib/server/context';
import { handleTelephonyRequest } from '$lib/server/telephony/http';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = ({ request }) => handleTelephonyRequest(appContext(), request);
