import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/lib/server/cli/commands';
import type { CliIo } from '../../src/lib/server/cli/command';
import { runCli } from '../../src/lib/server/cli/run';
import { dropSingleton } from '../../src/lib/server/singleton';
import { resetEnv } from '../../src/lib/server/env';
import { createTestDb, type TestDb } from '../support/db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  dropSingleton('db');
});
afterAll(async () => {
  const { appDb } = await import('../../src/lib/server/db');
  await appDb().destroy();
  dropSingleton('db');
  await t.drop();
});

async function cli(argv: string[], stdin = '') {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readStdin: async () => stdin,
  };
  const code = await runCli(argv, COMMANDS, io);
  return { code, out, err };
}

describe('otklik CLI', () => {
  it('seeds the demo agency once and prints a sign-in per role', async () => {
    const first = await cli(['seed']);
    expect(first.code).toBe(0);
    for (const role of ['operator', 'supervisor', 'editor', 'maintainer', 'admin']) {
      expect(first.out).toContain(`${role}@otklik.example`);
    }
    expect(first.out).toMatch(
      /Created 7 units, 8 users, \d{2} registry rows in 2 versions, \d+ appeals/,
    );
    const again = await cli(['seed']);
    expect(again.out).toContain(
      'Created 0 units, 0 users, 0 registry rows in 0 versions, 0 appeals.',
    );
  }, 90_000);

  it('adds a user with a password from stdin and lists them', async () => {
    const added = await cli(
      [
        'user',
        'add',
        '--email',
        'Cli@Otklik.test',
        '--name',
        'Командная Строка',
        '--role',
        'operator,editor',
        '--password-stdin',
      ],
      'пароль-из-stdin\n',
    );
    expect(added).toMatchObject({ code: 0 });
    expect(added.out).toContain('cli@otklik.test (operator, editor)');
    const listed = await cli(['user', 'list', '--json']);
    const users = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(users.find((u) => u.email === 'cli@otklik.test')?.roles.sort()).toEqual([
      'editor',
      'operator',
    ]);
  });

  it.each([
    [
      ['user', 'add', '--email', 'x@otklik.test'],
      /--email, --name and at least one --role are required/,
    ],
    [
      ['user', 'add', '--email', 'x@otklik.test', '--name', 'X', '--role', 'boss'],
      /unknown role boss/,
    ],
    [['user', 'add', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /Usage: otklik/],
  ])('exits 2 with a message for bad usage: %j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err + r.out).toMatch(message);
  });

  it('exits 1 with the reason for invalid data and writes nothing', async () => {
    const r = await cli(
      [
        'user',
        'add',
        '--email',
        'weak@otklik.test',
        '--name',
        'Слабый',
        '--role',
        'operator',
        '--password-stdin',
      ],
      '123',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('не короче 12 символов');
    const listed = await cli(['user', 'list', '--json']);
    expect(listed.out).not.toContain('weak@otklik.test');
  });

  it('exports appeals as JSON lines with the documented fields', async () => {
    const all = await cli(['appeals', 'export', '--format', 'jsonl']);
    expect(all.code).toBe(0);
    const lines = all.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const a of lines) {
      expect(a).toMatchObject({
        number: expect.stringMatching(/^\d{4}-\d{6}$/),
        status: expect.any(String),
        channel: expect.any(String),
        touchpoint: expect.any(String),
        subject: expect.any(String),
        client: { name: expect.any(String) },
        createdAt: expect.any(String),
      });
      expect(a).toHaveProperty('process');
      expect(a.interactions[0]).toMatchObject({
        direction: 'in',
        kind: expect.any(String),
        at: expect.any(String),
      });
      for (const i of a.interactions)
        expect(['in', 'out', 'note', 'system']).toContain(i.direction);
    }
    expect(
      lines.some((a) => a.interactions.some((i: { direction: string }) => i.direction === 'out')),
    ).toBe(true);
    expect(
      (await cli(['appeals', 'export', '--format', 'jsonl', '--since', '2999-01-01'])).out,
    ).toBe('');
    expect((await cli(['appeals', 'export', '--format', 'csv'])).code).toBe(2);
    expect((await cli(['appeals', 'export', '--format', 'jsonl', '--since', 'вчера'])).code).toBe(
      2,
    );
  });

  it('exports the registry and checks it back with --dry-run; bad files exit 1, bad usage 2', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-cli-'));
    const xlsx = path.join(dir, 'perechen.xlsx');
    const exported = await cli(['registry', 'export', '--format', 'xlsx', '--out', xlsx]);
    expect(exported).toMatchObject({ code: 0, out: `${xlsx}\n` });
    const dry = await cli(['registry', 'import', xlsx, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('добавится 0, изменится 0, исключится 0');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'Фамилия;Имя\nИванов;Иван\n');
    const invalid = await cli(['registry', 'import', bad]);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('Не найдена строка заголовка');
    expect((await cli(['registry', 'import', path.join(dir, 'нет.csv')])).code).toBe(2);
    expect((await cli(['registry', 'export', '--format', 'pdf'])).code).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs as `npm run --silent otklik` in its own process with the same exit codes', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const run = (args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'otklik', '--', ...args], {
        cwd: root,
        env: { ...process.env, ...t.env },
        encoding: 'utf8',
      });
    const listed = run(['user', 'list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('admin@otklik.example');
    const bad = run(['user', 'add']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage: otklik user add');
  }, 90_000);
});
