import defaults from '../../src/lib/domain/deadlines/data/default-policies.json';
import type { DeadlineUnit } from '../../src/lib/domain/deadlines/arithmetic';
import type { Basis } from '../../src/lib/domain/deadlines/policy';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { trainClassifier } from '../../src/lib/server/classify/classify.service';
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
}

const target = (p: Pair) => (p ? { amount: p[0], unit: p[1] as DeadlineUnit } : null);

/** The default deadline policies (data file) on an empty policy table; returns how many were added. */
export async function seedDeadlinePolicies(ctx: ServiceContext): Promise<number> {
  const any = await ctx.db.selectFrom('deadline_policies').select('id').executeTakeFirst();
  if (any) return 0;
  const processes = await ctx.db.selectFrom('processes').select(['id', 'name']).execute();
  const touchpoints = await ctx.db.selectFrom('touchpoints').select(['id', 'name']).execute();
  let added = 0;
  for (const p of defaults.policies as DefaultPolicy[]) {
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

async function seedClassification(ctx: ServiceContext): Promise<void> {
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
  const model = await ctx.db.selectFrom('classifier_models').select('id').executeTakeFirst();
  const samples = await labelledSamplesFor(ctx.db);
  if (!model && samples.length) await trainClassifier(ctx, samples);
}

/** Deadline policies, keyword rules and a classifier trained on the labelled demo set, then deadlines for the demo appeals already stored. */
export async function seedDeadlines(ctx: ServiceContext): Promise<void> {
  await seedDeadlinePolicies(ctx);
  await seedClassification(ctx);
  await backfillDeadlines(ctx);
}
