import { PostgresAdapter } from 'kysely';
import type { Db } from '../db';

export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
