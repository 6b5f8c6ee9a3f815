import { deflateSync, crc32 } from 'node:zlib';
import { addDays } from '../../src/lib/domain/calendar/dates';
import { moscowToday } from '../../src/lib/domain/templates/freshness';
import { SYSTEM, type Actor, type ServiceContext } from '../../src/lib/server/context';
import { saveLetterhead } from '../../src/lib/server/letterhead/settings.service';
import { fillTemplate, pickerTemplates } from '../../src/lib/server/templates/picker.service';
import { createTemplate, moveTemplate } from '../../src/lib/server/templates/templates.service';
import { DEMO_TEMPLATES } from './templates.data';

type User = Actor & { kind: 'user' };
export interface TemplateActors {
  editor: User;
  operator: User;
}

const at = (ctx: ServiceContext, iso: string, plusMs: number): ServiceContext => ({
  ...ctx,
  clock: { now: () => new Date(new Date(iso).getTime() + plusMs) },
});

/**
 * The demo knowledge base: 30 reply templates, 6 call scripts and 2 guidance pages over the demo
 * registry's processes, published through the checklist gate; a few stale, one in review, one due
 * soon; operators' uses on the demo appeals; and the demo letterhead. Does nothing when reply
 * templates exist.
 */
export async function seedTemplates(ctx: ServiceContext, who: TemplateActors): Promise<number> {
  const any = await ctx.db
    .selectFrom('templates')
    .select('id')
    .where('kind', '=', 'reply')
    .limit(1)
    .executeTakeFirst();
  if (any) return 0;
  const [processes, touchpoints] = await Promise.all([
    ctx.db.selectFrom('processes').select(['id', 'name']).execute(),
    ctx.db.selectFrom('touchpoints').select(['id', 'name']).execute(),
  ]);
  const ids = (names: string[] | undefined, rows: { id: number; name: string }[]) =>
    (names ?? [])
      .map((n) => rows.find((r) => r.name === n)?.id)
      .filter((id): id is number => id != null);
  const today = moscowToday(ctx.clock.now());
  let n = 0;
  for (const [i, t] of DEMO_TEMPLATES.entries()) {
    const id = await createTemplate(ctx, who.editor, {
      kind: t.kind,
      title: t.title,
      body: t.body,
      processIds: ids(t.processes, processes),
      touchpointIds: ids(t.touchpoints, touchpoints),
      channels: t.channels ?? [],
      tags: t.tags ?? [],
      reviewBy: addDays(today, t.reviewIn ?? (i === 3 ? 10 : 60 + (i % 6) * 30)),
    });
    if (t.state !== 'draft') await moveTemplate(ctx, who.editor, id, 'submit');
    if (!t.state) await moveTemplate(ctx, who.editor, id, 'publish');
    n++;
  }
  await seedUsage(ctx, who.operator);
  await seedLetterhead(ctx);
  return n;
}

/** Operators inserted the best-fitting template into some of the demo appeals. */
async function seedUsage(ctx: ServiceContext, operator: User): Promise<void> {
  const appeals = await ctx.db
    .selectFrom('appeals')
    .select(['id', 'created_at'])
    .where('channel', 'in', ['email', 'webform', 'post', 'social'])
    .orderBy('id')
    .limit(8)
    .execute();
  for (const a of appeals) {
    const when = at(ctx, a.created_at, 30 * 60_000);
    const { templates } = await pickerTemplates(when, operator, { appealId: a.id, q: '' });
    const best = templates[0];
    if (best) await fillTemplate(when, operator, { appealId: a.id, templateId: best.id });
  }
}

async function seedLetterhead(ctx: ServiceContext): Promise<void> {
  await saveLetterhead(
    ctx,
    SYSTEM,
    {
      agencyName: '',
      requisites: [
        'ул. Советская, д. 10, г. Энск, 000000',
        'тел. +7 (4000) 20-30-40, obr@otklik.example',
        'ОГРН 1000000000000, ИНН 0000000000',
      ].join('\n'),
      signatoryName: 'О. В. Белова',
      signatoryPosition: 'Заместитель министра',
      numberPrefix: '01-12/',
    },
    { upload: emblemPng() },
  );
}

/** A plain shield for the demo letterhead: blue field, gold rim, drawn pixel by pixel. */
function emblemPng(size = 96): Uint8Array {
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) {
      const cx = Math.abs(x - size / 2 + 0.5) / (size / 2);
      const cy = y / size;
      const edge = cy < 0.55 ? 0.8 : 0.8 * Math.sqrt(Math.max(0, 1 - ((cy - 0.55) / 0.42) ** 2));
      const inside = cy > 0.06 && cy < 0.97 && cx < edge;
      const rim = inside && (cx > edge - 0.1 || cy < 0.14);
      const [r, g, b, a] = !inside ? [0, 0, 0, 0] : rim ? [212, 160, 23, 255] : [29, 78, 137, 255];
      rows.push(r, g, b, a);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.from(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}
