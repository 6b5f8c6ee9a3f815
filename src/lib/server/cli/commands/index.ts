import type { CliCommand } from '../command';
import { migrateCommand } from './migrate';
import { seedCommand } from './seed';
import { userAddCommand, userListCommand } from './user';

export const COMMANDS: CliCommand[] = [
  migrateCommand,
  seedCommand,
  userAddCommand,
  userListCommand,
];
