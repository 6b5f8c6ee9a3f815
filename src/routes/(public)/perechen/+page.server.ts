import { appContext } from '$lib/server/context';
import { env } from '$lib/server/env';
import { publishedRegistry } from '$lib/server/registry/versions.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
  agency: env().OTKLIK_AGENCY,
  published: await publishedRegistry(appContext()),
});
