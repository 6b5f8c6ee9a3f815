import { crossValidate, predict, train, type Sample } from '../../domain/classify/bayes';
import { accuracyOn, holdOut } from '../../domain/classify/holdout';
import { matchKeywordRule } from '../../domain/classify/keywords';
import { priorityFrom, readMood } from '../../domain/classify/mood';
import type { Priority } from '../../domain/appeals/status';
import { recordAudit } from '../audit/audit.queries';
import { assertMaySeeAppeal } from '../appeals/access';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import type { Db } from '../db';
import { settleForward } from '../deadlines/clock.service';
import { deadlineSettings } from '../deadlines/deadlines.queries';
import type { Decision } from '../deadlines/decisions';
import { DomainError } from '../errors';
import { activeRules, confirmedAppeals, latestModel } from './classify.queries';
import { labelledSamplesFor } from './labelled-set';

/** Below this confidence the statistical layer keeps quiet and the topic stays as the channel set it. */
export const MIN_CONFIDENCE = 0.5;

export interface ClassifyInput {
  appealId: number;
  text: string;
  processGiven: boolean;
  priorityGiven: boolean;
}

/**
 * Topic, mood, urgency and priority of a new written appeal (seed 003 §2.6.2): the admin's keyword
 * rules first, shown as the reason; then the classifier trained on operators' confirmations.
 */
export async function classifyOnArrival(trx: Db, input: ClassifyInput): Promise<Decision[]> {
  const decisions: Decision[] = [];
  const appeal = await trx
    .selectFrom('appeals')
    .select(['process_id', 'priority'])
    .where('id', '=', input.appealId)
    .executeTakeFirstOrThrow();
  let processId = appeal.process_id;
  let base = appeal.priority as Priority;
  const hit = matchKeywordRule(input.text, await activeRules(trx));
  if (hit) {
    if (hit.rule.processId != null && !input.processGiven) {
      processId = hit.rule.processId;
      decisions.push({
        kind: 'topic',
        value: processId,
        reason: 'deadlines.reason.rule',
        params: { keyword: hit.matched, process: hit.rule.processName ?? '' },
      });
    }
    if (hit.rule.priority && !input.priorityGiven) base = hit.rule.priority as Priority;
  } else if (!input.processGiven) {
    const m = await latestModel(trx);
    const p = m ? predict(m.model, input.text) : null;
    if (p && p.probability >= MIN_CONFIDENCE) {
      const proc = await trx
        .selectFrom('processes')
        .select(['id', 'name'])
        .where('id', '=', Number(p.label))
        .executeTakeFirst();
      if (proc) {
        processId = proc.id;
        decisions.push({
          kind: 'topic',
          value: proc.id,
          reason: 'deadlines.reason.model',
          params: { process: proc.name, confidence: Math.round(p.probability * 100) },
        });
      }
    }
  }
  const mood = readMood(input.text);
  decisions.push({
    kind: 'mood',
    value: mood.mood,
    reason: `deadlines.reason.mood.${mood.mood}`,
    params: {
      words: [...mood.hits.aggression, ...mood.hits.negative, ...mood.hits.positive].join(', '),
    },
  });
  const priority = input.priorityGiven ? base : priorityFrom(mood, base);
  if (priority !== appeal.priority) {
    const why = mood.urgent
      ? 'urgent'
      : mood.aggression
        ? 'aggression'
        : mood.hits.negative.length >= 2
          ? 'negative'
          : 'rule';
    decisions.push({
      kind: 'priority',
      value: priority,
      reason: `deadlines.reason.priority.${why}`,
      params: {
        words: (why === 'urgent'
          ? mood.hits.urgency
          : why === 'aggression'
            ? mood.hits.aggression
            : why === 'negative'
              ? mood.hits.negative
              : [hit?.matched ?? '']
        ).join(', '),
      },
    });
  }
  if (processId !== appeal.process_id || priority !== appeal.priority) {
    const unit = processId
      ? await trx
          .selectFrom('processes')
          .select('unit_id')
          .where('id', '=', processId)
          .executeTakeFirst()
      : undefined;
    await trx
      .updateTable('appeals')
      .set({
        process_id: processId,
        priority,
        ...(processId !== appeal.process_id ? { unit_id: unit?.unit_id ?? null } : {}),
      })
      .where('id', '=', input.appealId)
      .execute();
  }
  return decisions;
}

/**
 * The operator confirms or corrects the topic: the appeal moves to that process and the choice is
 * kept as a training signal for the next `otklik classify train` (issue 10).
 */
export async function setTopic(
  ctx: ServiceContext,
  actor: Actor,
  input: { appealId: number; processId: number },
): Promise<void> {
  assertRole(actor, ['operator', 'supervisor']);
  await inTransaction(ctx, async (trx, emit) => {
    const appeal = await trx
      .selectFrom('appeals')
      .select(['id', 'number', 'process_id', 'status', 'assignee_id', 'unit_id'])
      .where('id', '=', input.appealId)
      .executeTakeFirst();
    if (!appeal) throw new DomainError('NOT_FOUND', 'errors.notFound');
    await assertMaySeeAppeal(trx, actor, {
      unitId: appeal.unit_id,
      assigneeId: appeal.assignee_id,
    });
    const proc = await trx
      .selectFrom('processes')
      .select('id')
      .where('id', '=', input.processId)
      .executeTakeFirst();
    if (!proc) throw new DomainError('INVALID', 'errors.invalid');
    await trx
      .insertInto('classify_signals')
      .values({
        appeal_id: appeal.id,
        suggested_process_id: appeal.process_id,
        process_id: proc.id,
        kind: appeal.process_id === proc.id ? 'confirm' : 'correct',
        user_id: actor.kind === 'user' ? actor.userId : null,
        at: ctx.clock.now().toISOString(),
      })
      .execute();
    // The operator says which of the agency's processes it is: the competence is decided.
    await settleForward(trx, appeal.id, ctx.clock.now().toISOString());
    if (appeal.process_id !== proc.id) {
      await trx
        .updateTable('appeals')
        .set({ process_id: proc.id, updated_at: ctx.clock.now().toISOString() })
        .where('id', '=', appeal.id)
        .execute();
      await recordAudit(trx, ctx.clock.now(), actor, {
        action: 'appeal.topic',
        entity: 'appeal',
        entityId: appeal.number,
        details: { from: appeal.process_id, to: proc.id },
      });
      emit('appeal.updated', {
        appealId: appeal.id,
        status: appeal.status,
        assigneeId: appeal.assignee_id,
        unitId: appeal.unit_id,
      });
    }
  });
}

export interface TrainReport {
  samples: number;
  labels: number;
  /** 5-fold cross-validation over everything trained on. */
  accuracy: number | null;
  /** Confirmed appeals held out of training, and the model's accuracy on them. */
  holdoutCount: number;
  holdoutAccuracy: number | null;
  modelId: number;
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/gu, ' ').trim();

/**
 * Trains on confirmed appeals (plus extra labelled samples, e.g. the demo set). A share of the
 * confirmed appeals (a setting, 20 % by default) is held out: the stored model never saw them, and
 * its accuracy on them is stored with it and shown in the console (issue 10).
 */
export async function trainClassifier(
  ctx: ServiceContext,
  extra: Sample[] = [],
): Promise<TrainReport> {
  const { holdoutShare } = await deadlineSettings(ctx.db);
  const confirmed = await confirmedAppeals(ctx.db);
  const split = holdOut(confirmed, holdoutShare);
  // An extra sample that is a held-out appeal's text would let the model see it after all.
  const held = split.held.map((h) => squash(h.text));
  const samples: Sample[] = [
    ...split.train.map(({ text, label }) => ({ text, label })),
    ...extra.filter((s) => !held.some((h) => h.includes(squash(s.text)))),
  ];
  const labels = new Set(samples.map((s) => s.label)).size;
  if (labels < 2) throw new DomainError('INVALID', 'deadlines.trainTooFew');
  const cv = samples.length >= 10 ? crossValidate(samples, 5) : null;
  const model = train(samples);
  const holdoutAccuracy = accuracyOn(model, split.held);
  const { id } = await ctx.db
    .insertInto('classifier_models')
    .values({
      trained_at: ctx.clock.now().toISOString(),
      samples: samples.length,
      accuracy: cv?.accuracy ?? null,
      holdout_count: split.held.length,
      holdout_accuracy: holdoutAccuracy,
      model: JSON.stringify(model),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    samples: samples.length,
    labels,
    accuracy: cv?.accuracy ?? null,
    holdoutCount: split.held.length,
    holdoutAccuracy,
    modelId: id,
  };
}

/**
 * `otklik classify train` and the console's «Переобучить» button: the same training, recorded in
 * the audit log when a person asks for it.
 */
export async function retrainClassifier(
  ctx: ServiceContext,
  actor: Actor,
  options: { withDemo?: boolean } = {},
): Promise<TrainReport> {
  assertRole(actor, ['admin']);
  const extra = options.withDemo ? await labelledSamplesFor(ctx.db) : [];
  const report = await trainClassifier(ctx, extra);
  if (actor.kind === 'user') {
    await recordAudit(ctx.db, ctx.clock.now(), actor, {
      action: 'classify.train',
      entity: 'classifier_model',
      entityId: String(report.modelId),
      details: { ...report, withDemo: !!options.withDemo },
    });
  }
  return report;
}

export async function classifierStatus(ctx: ServiceContext) {
  const m = await latestModel(ctx.db);
  return m
    ? {
        trainedAt: m.trainedAt,
        samples: m.samples,
        accuracy: m.accuracy,
        holdoutCount: m.holdoutCount,
        holdoutAccuracy: m.holdoutAccuracy,
      }
    : null;
}
