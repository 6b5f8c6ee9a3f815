import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { catalog, saveArea } from '$lib/server/registry/catalog.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const c = await catalog(appContext());
  const used = (areaId: number) => c.rows.filter((r) => r.areaId === areaId).length;
  return {
    areas: c.areas.map((a) => ({ ...a, rows: used(a.id) })),
    processes: c.processes,
    touchpoints: c.touchpoints.map((t) => ({
      ...t,
      rows: c.rows.filter((r) => r.touchpointId === t.id).length,
    })),
  };
};

export const actions: Actions = {
  saveArea: guarded(['maintainer'], async (_event, actor, form) => {
    const id = Number(text(form, 'id')) || null;
    await saveArea(appContext(), actor, {
      id,
      name: text(form, 'name'),
      clientKind: text(form, 'clientKind'),
    });
    return { saved: text(form, 'name').trim() };
  }),
};
