import { appContext } from '$lib/server/context';
import { publishedRegistry } from '$lib/server/registry/versions.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
  published: await publishedRegistry(appContext()),
});
