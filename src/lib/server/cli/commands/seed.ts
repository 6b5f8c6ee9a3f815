import { formatLogins, seedDemo } from '../../../../../db/seed';
import { appContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';

export const seedCommand: CliCommand = {
  path: ['seed'],
  usage: 'otklik seed',
  summary: 'load the demo agency (units, users and demo content); existing rows are kept',
  async run(args, io) {
    parseCommandArgs(args, {});
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const report = await seedDemo(ctx);
    const c = report.created;
    io.stdout(
      `Created ${c.units} units, ${c.users} users, ${c.registryRows} registry rows in ${c.registryVersions} versions, ${c.appeals} appeals.\n`,
    );
    io.stdout(`${formatLogins(report)}\n`);
    return 0;
  },
};
