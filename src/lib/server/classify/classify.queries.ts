import type { BayesModel } from '../../domain/classify/bayes';
import type { KeywordRule } from '../../domain/classify/keywords';
import type { Db } from '../db';

export async function activeRules(db: Db): Promise<KeywordRule[]> {
  const rows = await db
    .selectFrom('classify_rules as r')
    .leftJoin('processes as p', 'p.id', 'r.process_id')
    .select(['r.id', 'r.keyword', 'r.process_id', 'p.name as process_name', 'r.priority'])
    .where('r.active', '=', 1)
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    keyword: r.keyword,
    processId: r.process_id,
    processName: r.process_name,
    priority: r.priority,
  }));
}

export async function latestModel(db: Db): Promise<{
  id: number;
  model: BayesModel;
  accuracy: number | null;
  samples: number;
  trainedAt: string;
  holdoutCount: number | null;
  holdoutAccuracy: number | null;
} | null> {
  const row = await db
    .selectFrom('classifier_models')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    model: JSON.parse(row.model) as BayesModel,
    accuracy: row.accuracy,
    samples: row.samples,
    trainedAt: row.trained_at,
    holdoutCount: row.holdout_count,
    holdoutAccuracy: row.holdout_accuracy,
  };
}

/** Training examples: appeals whose topic an operator confirmed or corrected, the latest word wins. */
export async function confirmedAppeals(
  db: Db,
): Promise<{ appealId: number; text: string; label: string }[]> {
  const signals = await db
    .selectFrom('classify_signals')
    .select(['appeal_id', 'process_id', 'id'])
    .orderBy('id')
    .execute();
  const latest = new Map<number, number>();
  for (const s of signals) latest.set(s.appeal_id, s.process_id);
  if (!latest.size) return [];
  const out: { appealId: number; text: string; label: string }[] = [];
  const ids = [...latest.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('interactions')
      .select(['appeal_id', 'subject', 'text', 'id'])
      .where('appeal_id', 'in', chunk)
      .where('direction', '=', 'in')
      .orderBy('id')
      .execute();
    const first = new Map<number, string>();
    for (const r of rows) {
      if (!first.has(r.appeal_id)) first.set(r.appeal_id, `${r.subject ?? ''}\n${r.text ?? ''}`);
    }
    for (const id of chunk) {
      const text = first.get(id);
      if (text) out.push({ appealId: id, text, label: String(latest.get(id)) });
    }
  }
  return out;
}
