import type { RegistryEntry } from '../../src/lib/domain/registry/vocabulary';
import type { Clock } from '../../src/lib/server/clock';
import type { Actor, ServiceContext } from '../../src/lib/server/context';
import { approveEntries } from '../../src/lib/server/registry/import.service';
import {
  approveProposals,
  propose,
  returnProposal,
  workingRegistry,
} from '../../src/lib/server/registry/registry.service';
import { insertArea } from '../../src/lib/server/registry/registry.queries';
import { publishVersion } from '../../src/lib/server/registry/versions.service';
import data from './registry.json';
import type { DemoRegistry } from './registry.types';

const demo = data as DemoRegistry;
const DAY = 86_400_000;

/** Rows that reach the registry later, through proposals, so the demo shows the workflow. */
const LATER = { approved: 'social', pending: 'messenger' } as const;

export interface RegistryActors {
  maintainer: Actor;
  operator: Actor;
  editor: Actor;
  supervisor: Actor;
}

const at = (ctx: ServiceContext, daysAgo: number): ServiceContext => {
  const clock: Clock = { now: () => new Date(ctx.clock.now().getTime() - daysAgo * DAY) };
  return { ...ctx, clock };
};

function addChange(entry: RegistryEntry, processId: number) {
  return {
    kind: 'add' as const,
    process: { id: processId },
    touchpoint: {
      name: entry.touchpoint,
      mode: entry.mode,
      channel: entry.channel,
      address: entry.address,
      description: null,
    },
    needs: entry.needs,
    needsOther: entry.needsOther,
    specifics: entry.specifics,
  };
}

/**
 * The demo ministry's registry: version 1 approved and published six weeks ago, version 2
 * approved two days ago and awaiting publication, proposals waiting for review and one returned.
 * Does nothing when the registry already has rows.
 */
export async function seedRegistry(ctx: ServiceContext, who: RegistryActors) {
  if ((await workingRegistry(ctx)).length) return { rows: 0, versions: 0, proposals: 0 };
  const now = ctx.clock.now().toISOString();
  const known = new Set(
    (await ctx.db.selectFrom('activity_areas').select('name').execute()).map((a) => a.name),
  );
  for (const area of demo.areas) {
    if (!known.has(area.name)) await insertArea(ctx.db, { ...area, now });
  }
  const later = (channel: string) => demo.entries.find((e) => e.channel === channel)!;
  const approvedLater = later(LATER.approved);
  const pendingLater = later(LATER.pending);
  const base = demo.entries.filter((e) => e !== approvedLater && e !== pendingLater);

  await approveEntries(at(ctx, 45), who.maintainer, base, 'Первичное формирование перечня');
  await publishVersion(at(ctx, 40), who.maintainer, 1);
  for (const t of demo.touchpoints) {
    await ctx.db
      .updateTable('touchpoints')
      .set({ description: t.description })
      .where('name', '=', t.name)
      .execute();
  }

  const rows = await workingRegistry(ctx);
  const processId = (e: RegistryEntry) => rows.find((r) => r.process === e.process)!.processId;
  const social = await propose(at(ctx, 6), who.operator, {
    reason: 'new_touchpoint',
    reasonText: 'Министерство отвечает на комментарии в официальном сообществе.',
    change: addChange(approvedLater, processId(approvedLater)),
  });
  await approveProposals(at(ctx, 2), who.maintainer, {
    ids: [social],
    comment: 'Сведения полные.',
  });

  await propose(at(ctx, 1), who.editor, {
    reason: 'new_touchpoint',
    reasonText: 'Запустили канал министерства в мессенджере.',
    change: addChange(pendingLater, processId(pendingLater)),
  });
  const phone = (await workingRegistry(ctx)).find((r) => r.channel === 'phone')!;
  await propose(at(ctx, 0), who.supervisor, {
    reason: 'needs_changed',
    reasonText: 'По горячей линии теперь записывают на личный приём.',
    change: {
      kind: 'change',
      rowId: phone.id,
      needs: [...new Set([...phone.needs, 'information' as const])],
      needsOther: phone.needsOther,
      specifics: phone.specifics,
    },
  });
  const mail = (await workingRegistry(ctx)).find((r) => r.channel === 'post')!;
  const returned = await propose(at(ctx, 3), who.operator, {
    reason: 'exclusion',
    reasonText: 'Писем почти нет.',
    change: { kind: 'exclude', rowId: mail.id },
  });
  await returnProposal(at(ctx, 2), who.maintainer, {
    id: returned,
    comment:
      'Маловостребованные точки тоже остаются в перечне (п. 4.7 порядка). Исключаем, только если канал закрыт.',
  });
  return { rows: (await workingRegistry(ctx)).length, versions: 2, proposals: 4 };
}
