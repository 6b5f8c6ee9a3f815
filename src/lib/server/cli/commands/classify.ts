import { retrainClassifier } from '../../classify/classify.service';
import { appContext, SYSTEM } from '../../context';
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
    try {
      const r = await retrainClassifier(ctx, SYSTEM, { withDemo: !!values['with-demo'] });
      const acc = r.accuracy == null ? 'n/a' : r.accuracy.toFixed(3);
      const held =
        r.holdoutAccuracy == null
          ? 'no confirmed appeals held out'
          : `accuracy on ${r.holdoutCount} held-out confirmed appeals ${r.holdoutAccuracy.toFixed(3)}`;
      io.stdout(
        `Model ${r.modelId}: ${r.samples} appeals over ${r.labels} processes, 5-fold accuracy ${acc}, ${held}.\n`,
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
