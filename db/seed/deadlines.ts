import defaults from '../../src/lib/domain/deadlines/data/default-policies.json';
import type { DeadlineUnit } from '../../src/lib/domain/deadlines/arithmetic';
import type { Basis, MessageKind } from '../../src/lib/domain/deadlines/policy';
import { seedConfirmedHistory, seedDeadlineDemo, seedNoticeTemplates } from './deadlines.demo';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { setTopic, trainClassifier } from '../../src/lib/server/classify/classify.service';
import { labelledSamplesFor } from '../../src/lib/server/classify/labelled-set';
import { saveKeywordRule } from '../../src/lib/server/classify/rules.service';
import { backfillDeadlines } from '../../src/lib/server/deadlines/arrival.service';
import { savePolicy } from '../../src/lib/server/deadlines/policies.service';

type Pair = [number, string] | undefined;
interface DefaultPolicy {
  name: string;
  basis: string;
  channel?: string;
  process?: string;
  touchpoint?: string;
  ack?: Pair;
  first?: Pair;
  answer?: Pair;
  extensionDays?: number;
  forwardDays?: number;
  noticeDays?: number;
  messageKind?: string;
}

const target = (p: Pair) => (p ? { amount: p[0], unit: p[1] as DeadlineUnit } : null);

/** The default deadline policies (data file) not yet in the table, by name; returns how many were added. */
export async function seedDeadlinePolicies(ctx: ServiceContext): Promise<number> {
  const have = new Set(
    (await ctx.db.selectFrom('deadline_policies').select('name').execute()).map((r) => r.name),
  );
  const processes = await ctx.db.selectFrom('processes').select(['id', 'name']).execute();
  const touchpoints = await ctx.db.selectFrom('touchpoints').select(['id', 'name']).execute();
  let added = 0;
  for (const p of defaults.policies as DefaultPolicy[]) {
    if (have.has(p.name)) continue;
    const processId = p.process ? processes.find((r) => r.name === p.process)?.id : null;
    const touchpointId = p.touchpoint ? touchpoints.find((r) => r.name === p.touchpoint)?.id : null;
    if (processId === undefined || touchpointId === undefined) continue;
    await savePolicy(ctx, SYSTEM, {
      name: p.name,
      basis: p.basis as Basis,
      channel: p.channel ?? null,
      processId,
      touchpointId,
      ack: target(p.ack),
      first: target(p.first),
      answer: target(p.answer),
      extensionDays: p.extensionDays ?? null,
      forwardDays: p.forwardDays ?? null,
      noticeDays: p.noticeDays ?? null,
      messageKind: (p.messageKind as MessageKind | undefined) ?? null,
    });
    added++;
  }
  return added;
}

/** Demo keyword rules: the admin's transparent layer before the classifier. */
const DEMO_RULES: { keyword: string; process: string | null; priority?: string }[] = [
  { keyword: 'зачисление', process: 'Рассмотрение обращений граждан' },
  {
    keyword: 'апостиль',
    process:
      'Подтверждение документов об образовании и (или) о квалификации (проставление апостиля)',
  },
  {
    keyword: 'Земский учитель',
    process:
      'Единовременная компенсационная выплата учителям, переехавшим на работу в сельские населённые пункты («Земский учитель»)',
  },
  {
    keyword: 'ЕГЭ',
    process: 'Информирование о проведении государственной итоговой аттестации (ОГЭ, ЕГЭ)',
  },
  { keyword: 'угроза жизни', process: null, priority: 'urgent' },
];

async function seedKeywordRules(ctx: ServiceContext): Promise<void> {
  const any = await ctx.db.selectFrom('classify_rules').select('id').executeTakeFirst();
  if (!any) {
    const processes = await ctx.db.selectFrom('processes').select(['id', 'name']).execute();
    for (const [i, r] of DEMO_RULES.entries()) {
      const processId = r.process ? processes.find((p) => p.name === r.process)?.id : null;
      if (processId === undefined) continue;
      await saveKeywordRule(ctx, SYSTEM, {
        keyword: r.keyword,
        processId,
        priority: r.priority ?? null,
        position: i,
      });
    }
  }
}

/** A classifier trained on the labelled demo set and the confirmed appeals, once. */
async function seedModel(ctx: ServiceContext): Promise<void> {
  const model = await ctx.db.selectFrom('classifier_models').select('id').executeTakeFirst();
  const samples = await labelledSamplesFor(ctx.db);
  if (!model && samples.length) await trainClassifier(ctx, samples);
}

/**
 * Operators confirmed the topics of the demo appeals that have one, so the classifier has
 * confirmed appeals to hold out and the console shows its accuracy on them.
 */
async function confirmDemoTopics(ctx: ServiceContext): Promise<void> {
  const signalled = await ctx.db.selectFrom('classify_signals').select('id').executeTakeFirst();
  if (signalled) return;
  const appeals = await ctx.db
    .selectFrom('appeals')
    .select(['id', 'process_id'])
    .where('process_id', 'is not', null)
    .orderBy('id')
    .execute();
  for (const a of appeals)
    await setTopic(ctx, SYSTEM, { appealId: a.id, processId: a.process_id! });
}

/** Deadline policies, keyword rules and a classifier trained on the labelled demo set, then deadlines for the demo appeals already stored. */
export async function seedDeadlines(ctx: ServiceContext): Promise<void> {
  await seedDeadlinePolicies(ctx);
  await backfillDeadlines(ctx);
  await seedKeywordRules(ctx);
  await confirmDemoTopics(ctx);
  await seedConfirmedHistory(ctx);
  await seedNoticeTemplates(ctx);
  await seedDeadlineDemo(ctx);
  await seedModel(ctx);
}
