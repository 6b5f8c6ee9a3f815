import { fail } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { guarded } from '$lib/server/http/actions';
import { importRegistry } from '$lib/server/registry/import.service';
import type { Actions } from './$types';

const MAX_BYTES = 10 * 1024 * 1024;

export const actions: Actions = {
  default: guarded(['maintainer'], async (_event, actor, form) => {
    const file = form.get('file');
    if (!(file instanceof File) || !file.size)
      return fail(400, { error: 'registry.import.noFile' as const });
    if (file.size > MAX_BYTES) return fail(400, { error: 'registry.import.tooLarge' as const });
    const report = await importRegistry(appContext(), actor, {
      body: Buffer.from(await file.arrayBuffer()),
      fileName: file.name,
      dryRun: form.get('mode') !== 'write',
    });
    return { report };
  }),
};
