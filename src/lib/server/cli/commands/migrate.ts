import { appContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';

export const migrateCommand: CliCommand = {
  path: ['migrate'],
  usage: 'otklik migrate',
  summary: 'apply pending database migrations',
  async run(args, io) {
    parseCommandArgs(args, {});
    const applied = await migrateToLatest(appContext().db);
    io.stdout(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
    return 0;
  },
};
