import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/lib/server/cli/command';
import { runCli } from '../../../src/lib/server/cli/run';
import { styleCheckCommand } from '../../../src/lib/server/style/style-check.command';
import { FIXTURES } from './corpus';

/** `otklik style check`: the form other tools depend on (issue 8). */
function capture(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => stdin,
  };
  return { io, out, err };
}

const run = async (args: string[], stdin?: string) => {
  const c = capture(stdin);
  const code = await runCli(['style', 'check', ...args], [styleCheckCommand], c.io);
  return { code, stdout: c.out.join(''), stderr: c.err.join('') };
};

const clean = path.join(FIXTURES, 'replies/01-clean-kindergarten-queue.txt');
let dir: string;
let bad: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-style-'));
  bad = path.join(dir, 'bad.txt');
  fs.writeFileSync(bad, 'Скиньте пожалуйста копию паспорта.\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('otklik style check', () => {
  it('--json prints one object per file, one per line, and exits 0 without blocks', async () => {
    const r = await run(['--json', '--client-name', 'Мария Ивановна', clean]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(Object.keys(report)).toEqual(['file', 'score', 'findings']);
    expect(report).toMatchObject({ file: clean, score: 10, findings: [] });
  });

  it('exits 1 when a file has a block finding, with the fields of a finding', async () => {
    const r = await run(['--json', '--fragment', bad, clean]);
    expect(r.code).toBe(1);
    const [first, second] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first.file).toBe(bad);
    expect(first.findings[0]).toEqual(
      expect.objectContaining({
        rule: 'jargon.colloquial',
        category: 'jargon',
        severity: 'block',
        start: 0,
        end: 7,
        suggestion: 'Пришлите',
        clause: 'seed 000 §3.5; seed 002 §3.2',
      }),
    );
    expect(second.file).toBe(clean);
  });

  it('prints a readable report with the offending text marked', async () => {
    const r = await run(['--fragment', bad]);
    expect(r.stdout).toContain('1:1  блокирует  жаргон и просторечие (jargon.colloquial)');
    expect(r.stdout).toContain('    Скиньте пожалуйста копию паспорта.\n    ^^^^^^^\n');
    expect(r.stdout).toContain('→ Пришлите');
  });

  it('checks a whole reply for the client named by --client-name', async () => {
    const r = await run(['--json', '--client-name', 'Ольга Петровна', clean]);
    const { findings } = JSON.parse(r.stdout);
    expect(findings.map((f: { category: string }) => f.category)).toEqual(['greeting']);
    expect(r.code).toBe(1);
  });

  it('reads standard input for "-"', async () => {
    const r = await run(['--json', '--fragment', '-'], 'Глянем ваш вопрос.');
    expect(JSON.parse(r.stdout).file).toBe('-');
    expect(r.code).toBe(1);
  });

  it('exits 2 for bad usage or an unreadable file', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--colour', clean])).code).toBe(2);
    expect((await run(['--profile', 'nobody', clean])).code).toBe(2);
    const missing = await run([path.join(dir, 'missing.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.txt/);
    expect(missing.stdout).toBe('');
  });

  it('takes a profile', async () => {
    const text = path.join(dir, 'farm.txt');
    fs.writeFileSync(text, 'Главы КФХ приложат правоустанавливающие документы.');
    const general = JSON.parse((await run(['--json', '--fragment', text])).stdout);
    const org = JSON.parse(
      (await run(['--json', '--fragment', '--profile', 'organisation', text])).stdout,
    );
    expect(general.findings).toHaveLength(2);
    expect(org.findings).toEqual([]);
  });
});
