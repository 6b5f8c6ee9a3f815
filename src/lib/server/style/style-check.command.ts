import { readFile } from 'node:fs/promises';
import type { CheckOptions } from '../../domain/style/types';
import { parseCommandArgs } from '../cli/args';
import { EXIT, UsageError, type CliCommand } from '../cli/command';
import { serverChecker } from './checker';
import { formatReport } from './report';

async function readAll(files: string[], readStdin: () => Promise<string>) {
  const texts: { file: string; text: string }[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      texts.push({ file, text: file === '-' ? await readStdin() : await readFile(file, 'utf8') });
    } catch (err) {
      errors.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { texts, errors };
}

/** `otklik style check`: the reply checklist of issue 8 on files (seed 002 §3.2, seed 000 §3.5). */
export const styleCheckCommand: CliCommand = {
  path: ['style', 'check'],
  usage:
    'otklik style check [--json] [--fragment] [--client-name "Имя Отчество"] [--profile NAME] [--survey-url URL] FILE... ("-" reads stdin)',
  summary: 'check written replies against the style checklist; exit 1 when any finding blocks',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        json: { type: 'boolean' },
        fragment: { type: 'boolean' },
        'client-name': { type: 'string' },
        profile: { type: 'string' },
        'survey-url': { type: 'string' },
      },
      true,
    );
    if (!positionals.length) throw new UsageError('at least one FILE is required');
    const checker = await serverChecker();
    if (values.profile && !checker.profiles.has(values.profile)) {
      throw new UsageError(
        `unknown profile "${values.profile}"; profiles: ${[...checker.profiles.keys()].join(', ')}`,
      );
    }
    for (const r of checker.rejected) {
      io.stderr(`otklik style check: rule ${r.id} not loaded: ${r.errors.join('; ')}\n`);
    }
    const { texts, errors } = await readAll(positionals, io.readStdin);
    if (errors.length) {
      io.stderr(errors.map((e) => `otklik style check: cannot read ${e}\n`).join(''));
      return EXIT.usage;
    }
    const options: CheckOptions = {
      fragment: values.fragment,
      clientName: values['client-name'],
      profile: values.profile,
      surveyUrl: values['survey-url'],
    };
    let blocked = false;
    for (const { file, text } of texts) {
      const result = checker.check(text, options);
      blocked ||= result.findings.some((f) => f.severity === 'block');
      io.stdout(
        values.json
          ? `${JSON.stringify({ file, score: result.score, findings: result.findings })}\n`
          : formatReport(file, text, result),
      );
    }
    return blocked ? EXIT.invalid : EXIT.ok;
  },
};
