import { EXIT, UsageError, type CliCommand, type CliIo } from './command';

function helpText(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `Usage: otklik <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "otklik <command> --help" for a command's options.\n`;
}

/** Picks the command whose words match the most leading arguments and runs it. */
export async function runCli(argv: string[], commands: CliCommand[], io: CliIo): Promise<number> {
  if (!argv.length || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(helpText(commands));
    return argv.length ? EXIT.ok : EXIT.usage;
  }
  const command = commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!command) {
    io.stderr(`otklik: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${helpText(commands)}`);
    return EXIT.usage;
  }
  const rest = argv.slice(command.path.length);
  if (rest.includes('--help')) {
    io.stdout(`Usage: ${command.usage}\n${command.summary}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`otklik ${command.path.join(' ')}: ${err.message}\nUsage: ${command.usage}\n`);
      return EXIT.usage;
    }
    io.stderr(`otklik ${command.path.join(' ')}: ${err instanceof Error ? err.message : err}\n`);
    return EXIT.invalid;
  }
}
