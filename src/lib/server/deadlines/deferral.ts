import { dueAt } from '../../domain/deadlines/arithmetic';
import type { Db } from '../db';
import { workTime } from './deadlines.queries';

/** The last moment an 8-FZ deferral may be made and the client told: noticeDays calendar days from the start. */
export async function deferralNoticeDue(
  db: Db,
  startedAt: string,
  noticeDays: number,
): Promise<string> {
  return dueAt(startedAt, { amount: noticeDays, unit: 'calendar_days' }, await workTime(db));
}
