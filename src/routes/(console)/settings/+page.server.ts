import { listAudit } from '$lib/server/audit/audit.queries';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { listMailboxViews } from '$lib/server/mailboxes/mailboxes.queries';
import { createUnit, listUnits } from '$lib/server/units/units.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const ctx = appContext();
  const audit = await listAudit(ctx.db, { limit: 50 });
  const names = new Map(
    (await ctx.db.selectFrom('users').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  return {
    units: await listUnits(ctx),
    mailboxes: await listMailboxViews(ctx.db),
    audit: audit.map((a) => ({
      ...a,
      actor: a.actor_id ? (names.get(a.actor_id) ?? `#${a.actor_id}`) : null,
    })),
  };
};

export const actions: Actions = {
  createUnit: guarded(['admin'], async (_event, actor, form) => {
    const name = text(form, 'name').trim();
    await createUnit(appContext(), actor, { name, shortName: text(form, 'shortName') });
    return { created: name };
  }),
};
