import { appContext } from '$lib/server/context';
import {
  templateCatalog,
  templateDashboard,
  templateList,
} from '$lib/server/templates/editor.service';
import { consoleActor } from './form.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const ctx = appContext();
  const actor = consoleActor(locals);
  const process = Number(url.searchParams.get('process'));
  const filters = {
    q: url.searchParams.get('q') ?? '',
    kind: url.searchParams.get('kind') ?? '',
    status: url.searchParams.get('status') ?? '',
    processId: Number.isInteger(process) && process > 0 ? process : null,
  };
  const [dashboard, list, catalog] = await Promise.all([
    templateDashboard(ctx, actor),
    templateList(ctx, actor, filters),
    templateCatalog(ctx, actor),
  ]);
  return { dashboard, list, filters, processes: catalog.processes };
};
