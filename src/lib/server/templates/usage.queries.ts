import type { Db } from '../db';

export interface UsageCount {
  total: number;
  recent: number;
  lastUsed: string | null;
}

export async function recordUsage(
  db: Db,
  u: {
    templateId: number;
    appealId: number | null;
    touchpointId: number | null;
    userId: number | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('template_usage')
    .values({
      template_id: u.templateId,
      appeal_id: u.appealId,
      touchpoint_id: u.touchpointId,
      user_id: u.userId,
      used_at: u.at,
    })
    .execute();
}

/** Uses of each template: in all, since a moment, and the last one. */
export async function usageByTemplate(db: Db, since: string): Promise<Map<number, UsageCount>> {
  const rows = await db
    .selectFrom('template_usage')
    .select(({ fn, eb }) => [
      'template_id',
      fn.countAll<string | number>().as('total'),
      fn
        .sum<string | number | null>(eb.case().when('used_at', '>=', since).then(1).else(0).end())
        .as('recent'),
      fn.max('used_at').as('lastUsed'),
    ])
    .groupBy('template_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.template_id,
      { total: Number(r.total), recent: Number(r.recent ?? 0), lastUsed: r.lastUsed },
    ]),
  );
}

/** Uses per touchpoint, of one template or of all. */
export async function usageByTouchpoint(db: Db, since: string, templateId?: number) {
  let q = db
    .selectFrom('template_usage as u')
    .leftJoin('touchpoints as t', 't.id', 'u.touchpoint_id')
    .select(({ fn }) => [
      'u.touchpoint_id as touchpointId',
      't.name as touchpoint',
      't.channel as channel',
      fn.countAll<string | number>().as('uses'),
      fn.count<string | number>('u.template_id').distinct().as('templates'),
    ])
    .where('u.used_at', '>=', since)
    .groupBy(['u.touchpoint_id', 't.name', 't.channel']);
  if (templateId != null) q = q.where('u.template_id', '=', templateId);
  const rows = await q.execute();
  return rows
    .map((r) => ({ ...r, uses: Number(r.uses), templates: Number(r.templates) }))
    .sort((a, b) => b.uses - a.uses);
}
