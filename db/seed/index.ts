import type { Role } from '../../src/lib/domain/roles';
import { SYSTEM, type Actor, type ServiceContext } from '../../src/lib/server/context';
import { createUnit } from '../../src/lib/server/units/units.service';
import { findUserByEmail } from '../../src/lib/server/users/users.queries';
import { createUser } from '../../src/lib/server/users/users.service';
import { seedAppeals } from './appeals';
import { seedCalls } from './calls';
import { seedDeadlines } from './deadlines';
import { seedLexicon } from './lexicon';
import { seedMetrics } from './metrics';
import { seedLive } from './live';
import { seedPainMap } from './painmap';
import { seedRegistry } from './registry';
import { seedTemplates } from './templates';
import { seedWebforms } from './webforms';
import { seedSurveys } from './surveys';
import { DEMO_UNITS } from './units';
import { DEMO_PASSWORD, DEMO_USERS } from './users';

export interface SeedReport {
  created: {
    users: number;
    units: number;
    registryRows: number;
    registryVersions: number;
    appeals: number;
  };
  logins: { email: string; password: string; roles: string[] }[];
}

/** Loads the demo agency; safe to run again: what already exists is left as it is. */
export async function seedDemo(ctx: ServiceContext): Promise<SeedReport> {
  const report: SeedReport = {
    created: { users: 0, units: 0, registryRows: 0, registryVersions: 0, appeals: 0 },
    logins: [],
  };
  const unitIds = new Map<string, number>();
  for (const existing of await ctx.db.selectFrom('units').select(['id', 'name']).execute()) {
    unitIds.set(existing.name, existing.id);
  }
  for (const unit of DEMO_UNITS) {
    if (unitIds.has(unit.name)) continue;
    unitIds.set(unit.name, await createUnit(ctx, SYSTEM, unit));
    report.created.units++;
  }
  for (const user of DEMO_USERS) {
    report.logins.push({ email: user.email, password: DEMO_PASSWORD, roles: user.roles });
    if (await findUserByEmail(ctx.db, user.email)) continue;
    await createUser(ctx, SYSTEM, {
      ...user,
      password: DEMO_PASSWORD,
      unitIds: user.units.map((u) => unitIds.get(u)).filter((id): id is number => id != null),
    });
    report.created.users++;
  }
  const actor = async (role: Role): Promise<Actor & { kind: 'user' }> => {
    const email = DEMO_USERS.find((u) => u.roles[0] === role)!.email;
    const user = (await findUserByEmail(ctx.db, email))!;
    return { kind: 'user', userId: user.id, roles: [role] };
  };
  const registry = await seedRegistry(ctx, {
    maintainer: await actor('maintainer'),
    operator: await actor('operator'),
    editor: await actor('editor'),
    supervisor: await actor('supervisor'),
  });
  report.created.registryRows = registry.rows;
  report.created.registryVersions = registry.versions;
  await seedLexicon(ctx, await actor('editor'));
  report.created.appeals = await seedAppeals(ctx, {
    operator: await actor('operator'),
    supervisor: await actor('supervisor'),
  });
  await seedTemplates(ctx, { editor: await actor('editor'), operator: await actor('operator') });
  await seedCalls(ctx, {
    admin: await actor('admin'),
    editor: await actor('editor'),
    operator: await actor('operator'),
    supervisor: await actor('supervisor'),
  });
  await seedWebforms(ctx);
  await seedDeadlines(ctx);
  await seedLive(ctx, { supervisor: await actor('supervisor'), operator: await actor('operator') });
  await seedSurveys(ctx, {
    operator: await actor('operator'),
    supervisor: await actor('supervisor'),
  });
  await seedPainMap(ctx, {
    maintainer: await actor('maintainer'),
    supervisor: await actor('supervisor'),
    operator: await actor('operator'),
    editor: await actor('editor'),
  });
  // After every other seed: the figures are rolled up from what they created.
  await seedMetrics(ctx);
  return report;
}

export function formatLogins(report: SeedReport): string {
  const width = Math.max(...report.logins.map((l) => l.email.length));
  const lines = report.logins.map(
    (l) => `  ${l.email.padEnd(width)}  ${l.password}  (${l.roles.join(', ')})`,
  );
  return ['Демо-входы / demo sign-ins:', ...lines].join('\n');
}
