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
import { recordHit, retryAfterSeconds } from '../security/rate-limit';
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

const ADDRESS_BUCKET = 'signin.address';

function addressWindow() {
  const e = env();
  return {
    limit: e.OTKLIK_SIGNIN_FAILURES_PER_ADDRESS,
    ms: e.OTKLIK_SIGNIN_WINDOW_MINUTES * 60_000,
  };
}

function tooMany(message: 'auth.locked' | 'auth.tooManyFromAddress', seconds: number): DomainError {
  return new DomainError('LOCKED', message, {
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    retryAfter: seconds,
  });
}

/**
 * Signs in with e-mail and password. Failures are limited per account (growing locks) and per
 * client address (OTKLIK_SIGNIN_FAILURES_PER_ADDRESS per OTKLIK_SIGNIN_WINDOW_MINUTES), so
 * guessing many accounts from one address is slowed as well. Every sign-in gets a new session
 * id and ends the session the browser came with (session fixation).
 */
export async function signIn(
  ctx: ServiceContext,
  input: {
    email: string;
    password: string;
    userAgent?: string | null;
    address?: string | null;
    previousToken?: string | null;
  },
): Promise<{ token: string; user: SessionUser; expiresAt: Date }> {
  const now = ctx.clock.now();
  const address = input.address || null;
  if (address) {
    const wait = await retryAfterSeconds(ctx.db, ADDRESS_BUCKET, address, now, addressWindow());
    if (wait) throw tooMany('auth.tooManyFromAddress', wait);
  }
  const failed = async () => {
    if (address) await recordHit(ctx.db, ADDRESS_BUCKET, address, now);
  };
  const user = await findUserByEmail(ctx.db, input.email);
  if (!user || user.active !== 1) {
    await verifyPassword(await (dummyHash ??= hashPassword('not-a-user-password')), input.password);
    await failed();
    throw new DomainError('UNAUTHENTICATED', 'auth.invalid');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await failed();
    throw tooMany('auth.locked', Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 1000));
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await failed();
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
    if (input.previousToken) await deleteSession(trx, hashToken(input.previousToken));
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
