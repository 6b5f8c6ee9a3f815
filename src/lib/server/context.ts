import type { Role } from '../domain/roles';
import { systemClock, type Clock } from './clock';
import { appDb, type Db } from './db';
import { appBus, type EventBus } from './events/bus';
import type { AppEvent, AppEvents, EventName } from './events/events';

export interface ServiceContext {
  db: Db;
  clock: Clock;
  bus: EventBus;
}

/** Who performs an action: a signed-in user, or the system itself (CLI, ingest, first start). */
export type Actor = { kind: 'user'; userId: number; roles: readonly Role[] } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

export function appContext(): ServiceContext {
  return { db: appDb(), clock: systemClock, bus: appBus() };
}

export type Emit = <K extends EventName>(name: K, payload: AppEvents[K]) => void;

/** Runs work in one transaction and publishes the events it emitted only after commit. */
export async function inTransaction<T>(
  ctx: ServiceContext,
  work: (trx: Db, emit: Emit) => Promise<T>,
): Promise<T> {
  const pending: Omit<AppEvent, 'at'>[] = [];
  const emit: Emit = (name, payload) => {
    pending.push({ name, payload } as Omit<AppEvent, 'at'>);
  };
  const result = await ctx.db.transaction().execute((trx) => work(trx, emit));
  // `at` is the commit: what realtime latency is measured from (bench:realtime).
  const at = ctx.clock.now().toISOString();
  for (const event of pending) ctx.bus.publish({ ...event, at } as AppEvent);
  return result;
}
