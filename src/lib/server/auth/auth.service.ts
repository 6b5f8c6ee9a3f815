import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../domain/roles';
import { recordAudit } from '../audit/audit.queries';
import type { ServiceContext } from '../context';
import { env } from '../env';
import { DomainError } from '../errors';
import {
  clearLoginFailures,
  findUserByEmail,
  recordLoginFailure,
  rolesOf,
} from '../users/users.queries';
import { lockDurationMs } from './lockout';
import { hashPassword, verifyPassword } from './password';
import { deleteSession, findSession, insertSession, touchSession } from './sessions.queries';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  locale: 'ru' | 'en';
  roles: Role[];
}

export const SESSION_COOKIE = 'otklik_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const ttlMs = () => env().SESSION_TTL_HOURS * 3_600_000;

// Verifying against a real hash when the email is unknown keeps response times alike.
let dummyHash: Promise<string> | undefined;

export async function signIn(
  ctx: ServiceContext,
  input: { email: string; password: string; userAgent?: string | null },
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const now = ctx.clock.now();
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user || user.active !== 1) {
    await verifyPassword(await (dummyHash ??= hashPassword('not-a-user-password')), input.password);
    throw new DomainError('UNAUTHENTICATED', 'auth.invalid');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000);
    throw new DomainError('LOCKED', 'auth.locked', { minutes });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lockMs = lockDurationMs(user.failed_logins + 1);
    const lockedUntil = lockMs ? new Date(now.getTime() + lockMs).toISOString() : null;
    await ctx.db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, user.id, lockedUntil);
      if (lockedUntil) {
        await recordAudit(
          trx,
          now,
          { kind: 'system' },
          {
            action: 'auth.locked',
            entity: 'user',
            entityId: user.id,
            details: { until: lockedUntil },
          },
        );
      }
    });
    throw new DomainError('UNAUTHENTICATED', 'auth.invalid');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs());
  const roles = await rolesOf(ctx.db, user.id);
  await ctx.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, user.id);
    await insertSession(trx, {
      idHash: hashToken(token),
      userId: user.id,
      now,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      trx,
      now,
      { kind: 'user', userId: user.id, roles },
      {
        action: 'auth.signIn',
        entity: 'user',
        entityId: user.id,
      },
    );
  });
  return { token, expiresAt, user: toSessionUser(user, roles) };
}

/** The signed-in user for a session token, sliding its expiry; null when absent or expired. */
export async function resolveSession(
  ctx: ServiceContext,
  token: string | undefined,
): Promise<{ user: SessionUser; expiresAt: Date } | null> {
  if (!token) return null;
  const idHash = hashToken(token);
  const row = await findSession(ctx.db, idHash);
  const now = ctx.clock.now();
  if (!row || row.active !== 1) return null;
  if (row.expires_at <= now.toISOString()) {
    await deleteSession(ctx.db, idHash);
    return null;
  }
  const expiresAt = new Date(now.getTime() + ttlMs());
  // Refresh at most once a minute so page views don't write on every request.
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await touchSession(ctx.db, idHash, now, expiresAt);
  }
  const roles = await rolesOf(ctx.db, row.user_id);
  return {
    expiresAt,
    user: toSessionUser(
      { id: row.user_id, email: row.email, name: row.name, locale: row.locale },
      roles,
    ),
  };
}

export async function signOut(ctx: ServiceContext, token: string | undefined): Promise<void> {
  if (token) await deleteSession(ctx.db, hashToken(token));
}

function toSessionUser(
  u: { id: number; email: string; name: string; locale: string },
  roles: Role[],
): SessionUser {
  return { id: u.id, email: u.email, name: u.name, locale: u.locale === 'en' ? 'en' : 'ru', roles };
}
