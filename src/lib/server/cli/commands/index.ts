import type { CliCommand } from '../command';
import { appealsExportCommand } from './appeals';
import { backupCommand, restoreCommand } from './backup';
import { privacyExportCommand, privacyRetentionCommand } from './privacy';
import { classifyTrainCommand } from './classify';
import { ingestCommand } from './ingest';
import { mailboxAddCommand, mailboxListCommand } from './mailbox';
import { metricsRollupCommand } from './metrics';
import { migrateCommand } from './migrate';
import { registryExportCommand, registryImportCommand } from './registry';
import { seedCommand } from './seed';
import { styleCheckCommand } from '../../style/style-check.command';
import { userAddCommand, userListCommand } from './user';

export const COMMANDS: CliCommand[] = [
  migrateCommand,
  seedCommand,
  registryExportCommand,
  registryImportCommand,
  styleCheckCommand,
  appealsExportCommand,
  userAddCommand,
  userListCommand,
  mailboxAddCommand,
  mailboxListCommand,
  ingestCommand,
  classifyTrainCommand,
  metricsRollupCommand,
  backupCommand,
  restoreCommand,
  privacyRetentionCommand,
  privacyExportCommand,
];
