import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { listUnits } from '$lib/server/units/units.service';
import { allUsers, createUser, updateUserAccess } from '$lib/server/users/users.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const user = locals.user!;
  const ctx = appContext();
  const actor = { kind: 'user' as const, userId: user.id, roles: user.roles };
  return { users: await allUsers(ctx, actor), units: await listUnits(ctx) };
};

const ids = (form: FormData, name: string) =>
  form.getAll(name).map(Number).filter(Number.isInteger);

export const actions: Actions = {
  create: guarded(['admin'], async (_event, actor, form) => {
    const email = text(form, 'email');
    await createUser(appContext(), actor, {
      email,
      name: text(form, 'name'),
      position: text(form, 'position'),
      password: text(form, 'password'),
      roles: form.getAll('roles').map(String),
      unitIds: ids(form, 'unitIds'),
    });
    return { created: email.trim().toLowerCase() };
  }),
  updateAccess: guarded(['admin'], async (_event, actor, form) => {
    await updateUserAccess(appContext(), actor, {
      userId: Number(text(form, 'userId')),
      roles: form.getAll('roles').map(String),
      unitIds: ids(form, 'unitIds'),
      active: form.get('active') === 'on',
    });
    return { saved: Number(text(form, 'userId')) };
  }),
};
