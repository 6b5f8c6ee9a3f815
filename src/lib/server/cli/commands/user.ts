import { ROLES } from '../../../domain/roles';
import { appContext, SYSTEM } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../errors';
import { translator } from '../../../i18n/messages';
import { isMessageKey } from '../../../i18n/messages';
import { listUsers } from '../../users/users.queries';
import { createUser } from '../../users/users.service';
import { parseCommandArgs } from '../args';
import { UsageError, type CliCommand } from '../command';

const t = translator('ru');

export const userAddCommand: CliCommand = {
  path: ['user', 'add'],
  usage:
    'otklik user add --email E --name N --role R [--role R2 …] [--position P] [--unit ID] [--password-stdin]',
  summary: 'create a user; the password is read from stdin, or generated and printed',
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      position: { type: 'string' },
      unit: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
    });
    if (!values.email || !values.name || !values.role?.length) {
      throw new UsageError('--email, --name and at least one --role are required');
    }
    const roles = values.role.flatMap((r) => r.split(','));
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) {
      throw new UsageError(`unknown role ${unknown.join(', ')}; roles: ${ROLES.join(', ')}`);
    }
    const unitIds = (values.unit ?? []).map((u) => {
      const id = Number(u);
      if (!Number.isInteger(id) || id <= 0)
        throw new UsageError(`--unit takes a unit id, got ${u}`);
      return id;
    });
    const generated = !values['password-stdin'];
    const password = generated
      ? crypto.randomUUID().replaceAll('-', '').slice(0, 16)
      : (await io.readStdin()).replace(/\r?\n$/, '');
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    try {
      const id = await createUser(ctx, SYSTEM, {
        ...values,
        email: values.email,
        name: values.name,
        roles,
        unitIds,
        password,
      });
      io.stdout(`Created user #${id} ${values.email.toLowerCase()} (${roles.join(', ')})\n`);
      if (generated) io.stdout(`Password: ${password}\n`);
      return 0;
    } catch (err) {
      if (err instanceof DomainError) {
        io.stderr(`${isMessageKey(err.message) ? t(err.message) : err.message}\n`);
        return 1;
      }
      throw err;
    }
  },
};

export const userListCommand: CliCommand = {
  path: ['user', 'list'],
  usage: 'otklik user list [--json]',
  summary: 'list users with their roles and units',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const users = await listUsers(ctx.db, ctx.clock.now());
    if (values.json) {
      for (const u of users) io.stdout(`${JSON.stringify(u)}\n`);
      return 0;
    }
    if (!users.length) io.stdout('No users.\n');
    for (const u of users) {
      const flags = [u.active ? '' : 'inactive', u.locked ? 'locked' : '']
        .filter(Boolean)
        .join(', ');
      io.stdout(
        `#${u.id}\t${u.email}\t${u.name}\t${u.roles.join(',')}\t${u.units.map((x) => x.name).join('; ')}${flags ? `\t(${flags})` : ''}\n`,
      );
    }
    return 0;
  },
};
