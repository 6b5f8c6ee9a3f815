import { error } from '@sveltejs/kit';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { compareVersions, templateEditor } from '$lib/server/templates/editor.service';
import { consoleActor } from '../../form.server';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const ctx = appContext();
  const actor = consoleActor(locals);
  const id = Number(params.id);
  try {
    const template = await templateEditor(ctx, actor, id);
    const latest = template.versions[0]?.version ?? 1;
    const to = Number(url.searchParams.get('to')) || latest;
    const from = Number(url.searchParams.get('from')) || Math.max(1, to - 1);
    return { template, from, to, diff: await compareVersions(ctx, actor, id, from, to) };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};
