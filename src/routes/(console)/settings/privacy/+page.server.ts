import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import { runRetention } from '$lib/server/privacy/retention.service';
import { privacySettings, saveRetentionYears } from '$lib/server/privacy/settings.service';
import type { Actions, PageServerLoad } from './$types';

const ADMIN = ['admin'] as const;

const EXPORT_ERRORS = ['privacy.error.noClient', 'privacy.error.email', 'privacy.error.key'];

export const load: PageServerLoad = async ({ locals, url }) => {
  const ctx = appContext();
  const user = locals.user!;
  const actor = { kind: 'user' as const, userId: user.id, roles: user.roles };
  const [settings, due] = await Promise.all([
    privacySettings(ctx.db),
    runRetention(ctx, actor, { dryRun: true }),
  ]);
  const exportError = url.searchParams.get('exportError');
  return {
    settings,
    due,
    exportError: exportError && EXPORT_ERRORS.includes(exportError) ? exportError : null,
  };
};

export const actions: Actions = {
  save: guarded(ADMIN, async (_event, actor, form) => {
    const s = await saveRetentionYears(appContext(), actor, text(form, 'retentionYears'));
    return { saved: s.retentionYears };
  }),
  run: guarded(ADMIN, async (_event, actor) => {
    const r = await runRetention(appContext(), actor);
    return { ran: { appeals: r.appeals, clients: r.clients, files: r.files } };
  }),
};
