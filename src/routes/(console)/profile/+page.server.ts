import { appContext } from '$lib/server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const units = await appContext()
    .db.selectFrom('user_units')
    .innerJoin('units', 'units.id', 'user_units.unit_id')
    .select(['units.id', 'units.name'])
    .where('user_units.user_id', '=', locals.user!.id)
    .orderBy('units.name')
    .execute();
  return { units };
};
