import type { Db } from '../db';

export async function lineByTokenHash(db: Db, hash: string) {
  return db
    .selectFrom('telephony_lines as l')
    .innerJoin('touchpoints as t', 't.id', 'l.touchpoint_id')
    .select([
      'l.id',
      'l.name',
      'l.number',
      'l.touchpoint_id as touchpointId',
      'l.default_user_id as defaultUserId',
      'l.active',
      't.name as touchpoint',
    ])
    .where('l.token_hash', '=', hash)
    .executeTakeFirst();
}
export type LineRow = NonNullable<Awaited<ReturnType<typeof lineByTokenHash>>>;

export function listLines(db: Db) {
  return db
    .selectFrom('telephony_lines as l')
    .innerJoin('touchpoints as t', 't.id', 'l.touchpoint_id')
    .leftJoin('users as u', 'u.id', 'l.default_user_id')
    .select([
      'l.id',
      'l.name',
      'l.number',
      'l.touchpoint_id as touchpointId',
      't.name as touchpoint',
      'l.default_user_id as defaultUserId',
      'u.name as defaultUser',
      'l.token_hint as tokenHint',
      'l.active',
      'l.created_at as createdAt',
      'l.token_rotated_at as tokenRotatedAt',
      'l.last_event_at as lastEventAt',
    ])
    .orderBy('l.name')
    .execute();
}

export function listAgents(db: Db) {
  return db
    .selectFrom('telephony_agents as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.extension', 'a.user_id as userId', 'u.name', 'u.email'])
    .orderBy('a.extension')
    .execute();
}

/** The console user behind a PBX agent: an extension mapped by the admin, or a user's e-mail. */
export async function userForAgent(db: Db, agent: string): Promise<number | null> {
  const mapped = await db
    .selectFrom('telephony_agents')
    .select('user_id')
    .where('extension', '=', agent)
    .executeTakeFirst();
  if (mapped) return mapped.user_id;
  if (!agent.includes('@')) return null;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', agent.toLowerCase())
    .where('active', '=', 1)
    .executeTakeFirst();
  return user?.id ?? null;
}
