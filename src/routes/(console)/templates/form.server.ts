import { error } from '@sveltejs/kit';
import { text } from '$lib/server/http/actions';
import type { Actor } from '$lib/server/context';

const numbers = (form: FormData, name: string) =>
  form
    .getAll(name)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);

/** The editor form as the services take it. */
export function templateForm(form: FormData) {
  const owner = Number(text(form, 'ownerId'));
  return {
    title: text(form, 'title'),
    body: text(form, 'body'),
    processIds: numbers(form, 'processId'),
    touchpointIds: numbers(form, 'touchpointId'),
    channels: form.getAll('channel').map(String),
    tags: text(form, 'tags')
      .split(/[,;]/)
      .map((t) => t.trim())
      .filter(Boolean),
    ownerId: Number.isInteger(owner) && owner > 0 ? owner : null,
    reviewBy: text(form, 'reviewBy') || null,
  };
}

export function consoleActor(locals: App.Locals): Actor & { kind: 'user' } {
  const user = locals.user;
  if (!user) error(401, 'errors.unauthenticated');
  return { kind: 'user', userId: user.id, roles: user.roles };
}
