import { env } from '../env';
import { singleton } from '../singleton';
import { connect, type Db } from './connect';

export type { Db } from './connect';

/** The application's database, shared by every copy of the server code in this process. */
export function appDb(): Db {
  return singleton('db', () => {
    const e = env();
    return connect({ postgresUrl: e.DATABASE_URL, sqlitePath: e.sqlitePath });
  });
}
