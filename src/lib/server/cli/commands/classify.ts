import { trainClassifier } from '../../classify/classify.service';
import { labelledSamplesFor } from '../../classify/labelled-set';
import { appContext } from '../../context';
import { migrateToLatest } from '../../db/migrate';
import { DomainError } from '../../errors';
import { parseCommandArgs } from '../args';
import { EXIT, type CliCommand } from '../command';

export const classifyTrainCommand: CliCommand = {
  path: ['classify', 'train'],
  usage: 'otklik classify train [--with-demo]',
  summary:
    'train the topic classifier on appeals operators confirmed or corrected (--with-demo adds the labelled demo set)',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { 'with-demo': { type: 'boolean' } });
    const ctx = appContext();
    await migrateToLatest(ctx.db);
    const extra = values['with-demo'] ? await labelledSamplesFor(ctx.db) : [];
    try {
      const r = await trainClassifier(ctx, extra);
      const acc = r.accuracy == null ? 'n/a' : r.accuracy.toFixed(3);
      io.stdout(
        `Model ${r.modelId}: ${r.samples} appeals over ${r.labels} processes, 5-fold accuracy ${acc}.\n`,
      );
      return EXIT.ok;
    } catch (err) {
      if (err instanceof DomainError) {
        io.stderr('Too few confirmed appeals to train: at least two processes are needed.\n');
        return EXIT.invalid;
      }
      throw err;
    }
  },
};
