import { z } from 'zod';
import { sameLine, telephonyEventSchema } from '../../domain/calls/telephony';
import type { ServiceContext } from '../context';
import { DomainError } from '../errors';
import { receiveTelephonyEvent } from './events.service';
import { lineByTokenHash } from './lines.queries';
import { bearerToken, hashLineToken } from './tokens';

const MAX_BODY = 256 * 1024;
const MAX_EVENTS = 100;

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

const problem = (status: number, error: string, details?: unknown) =>
  json(
    status,
    { error, ...(details ? { details } : {}) },
    status === 401 ? { 'www-authenticate': 'Bearer realm="otklik-telephony"' } : {},
  );

/**
 * `POST /api/telephony/events`: a PBX reports calls with its line's bearer token. Body: one event
 * object or an array of them (README «Телефония»). Answers 200 with each event's result
 * (`applied` or `duplicate`); 400 names the invalid fields; nothing is applied from a bad batch.
 */
export async function handleTelephonyRequest(
  ctx: ServiceContext,
  request: Request,
): Promise<Response> {
  const token = bearerToken(request.headers.get('authorization'));
  if (!token) return problem(401, 'token_required');
  const line = await lineByTokenHash(ctx.db, hashLineToken(token));
  if (!line) return problem(401, 'token_invalid');
  if (!line.active) return problem(403, 'line_inactive');

  if (!/^application\/json\b/i.test(request.headers.get('content-type') ?? '')) {
    return problem(415, 'json_required');
  }
  const raw = await request.text();
  if (raw.length > MAX_BODY) return problem(413, 'too_large');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return problem(400, 'invalid_json');
  }
  const list = Array.isArray(body) ? body : [body];
  if (!list.length || list.length > MAX_EVENTS) return problem(400, 'batch_size');
  const parsed = z.array(telephonyEventSchema).safeParse(list);
  if (!parsed.success) {
    return problem(
      400,
      'invalid_event',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const mismatch = parsed.data.findIndex((e) => !sameLine(e.line, line.number));
  if (mismatch >= 0) return problem(403, 'line_mismatch', { index: mismatch });

  const results = [];
  for (const ev of parsed.data) {
    try {
      const r = await receiveTelephonyEvent(ctx, line, ev);
      results.push({ callId: ev.callId, event: ev.event, at: ev.at, result: r.outcome });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'FORBIDDEN') {
        return problem(403, err.message, { results });
      }
      throw err;
    }
  }
  return json(200, { ok: true, results });
}
