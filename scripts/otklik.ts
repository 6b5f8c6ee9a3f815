import { COMMANDS } from '../src/lib/server/cli/commands';
import type { CliIo } from '../src/lib/server/cli/command';
import { runCli } from '../src/lib/server/cli/run';
import { appDb } from '../src/lib/server/db';
import { singletonExists } from '../src/lib/server/singleton';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  drain: () =>
    process.stdout.writableNeedDrain
      ? new Promise((resolve) => process.stdout.once('drain', resolve))
      : Promise.resolve(),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

// `otklik … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runCli(process.argv.slice(2), COMMANDS, io);
if (singletonExists('db')) await appDb().destroy();
process.exitCode = code;
