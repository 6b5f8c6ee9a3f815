import { error, fail } from '@sveltejs/kit';
import { STATUSES, type Status } from '$lib/domain/appeals/status';
import { assertMaySeeAppeal } from '$lib/server/appeals/access';
import { appealByNumber } from '$lib/server/appeals/appeals.queries';
import { appealView } from '$lib/server/appeals/view.service';
import {
  addNote,
  assertNoReplySince,
  assign,
  changeStatus,
  reply,
} from '$lib/server/appeals/work.service';
import { updateClient } from '$lib/server/clients/clients.service';
import { gateReply, replyCheckOptions, type StyleOverride } from '$lib/server/style/gate';
import { currentLexicon } from '$lib/server/style/lexicon.service';
import { appealSurveySummary } from '$lib/server/surveys/appeal-summary';
import { letterPdf } from '$lib/server/letterhead/letter.service';
import { appealDeadlines } from '$lib/server/deadlines/view.service';
import { deadlineActions } from '$lib/server/deadlines/appeal-actions';
import { mergeClients } from '$lib/server/clients/merge.service';
import { appContext, type Actor } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { guarded, text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

const STAFF = ['operator', 'supervisor'] as const;

export const load: PageServerLoad = async ({ locals, params }) => {
  const user = locals.user!;
  const ctx = appContext();
  try {
    const view = await appealView(
      ctx,
      { kind: 'user', userId: user.id, roles: user.roles },
      params.number,
    );
    const [units, staff] = await Promise.all([
      ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
      ctx.db
        .selectFrom('users as u')
        .innerJoin('user_roles as r', 'r.user_id', 'u.id')
        .select(['u.id', 'u.name'])
        .where('r.role', 'in', ['operator', 'supervisor'])
        .where('u.active', '=', 1)
        .distinct()
        .orderBy('u.name')
        .execute(),
    ]);
    return {
      ...view,
      units,
      staff,
      me: user.id,
      supervisor: user.roles.includes('supervisor'),
      styleOptions: await replyCheckOptions(ctx.db, view.appeal.id),
      styleLexicon: (await currentLexicon(ctx.db)).lexicon,
      deadlines: await appealDeadlines(
        ctx,
        { kind: 'user', userId: user.id, roles: user.roles },
        view.appeal.id,
      ),
      survey: await appealSurveySummary(ctx.db, view.appeal.id),
    };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};

/** The appeal of the page, for an actor who may see it: the checks before a service run on it too. */
async function appealId(number: string, actor: Actor) {
  const db = appContext().db;
  const appeal = await appealByNumber(db, number);
  if (!appeal) error(404, 'errors.notFound');
  await assertMaySeeAppeal(db, actor, { unitId: appeal.unit_id, assigneeId: appeal.assignee_id });
  return appeal.id;
}

function parseOverrides(form: FormData): StyleOverride[] {
  return form.getAll('override').flatMap((v) => {
    try {
      return [JSON.parse(String(v)) as StyleOverride];
    } catch {
      return [];
    }
  });
}

export const actions: Actions = {
  ...deadlineActions,
  reply: guarded(STAFF, async (event, actor, form) => {
    const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
    const uploads: { name: string; contentType: string; content: Uint8Array }[] = await Promise.all(
      files.map(async (f) => ({
        name: f.name,
        contentType: f.type || 'application/octet-stream',
        content: new Uint8Array(await f.arrayBuffer()),
      })),
    );
    const id = await appealId(event.params.number!, actor);
    const seen = form.get('seenReplyId');
    const seenReplyId = seen === null ? undefined : Number(seen) || 0;
    const confirmed = text(form, 'confirmed') === '1';
    // Seed 000 §3.5: a formal reply may go out on the official letterhead as a PDF letter.
    if (text(form, 'letter') === '1') {
      // Before a letter uses up an outgoing number: someone may have answered meanwhile
      // (without a letter, reply() asks this first itself).
      if (seenReplyId !== undefined && !confirmed) {
        await assertNoReplySince(appContext().db, id, seenReplyId);
      }
      // Check the text first: a refused reply must not use up an outgoing letter number.
      await gateReply(
        appContext().db,
        text(form, 'text'),
        await replyCheckOptions(appContext().db, id),
        parseOverrides(form),
      );
      const letter = await letterPdf(appContext(), actor, {
        appealId: id,
        text: text(form, 'text'),
      });
      uploads.push({
        name: letter.fileName,
        contentType: 'application/pdf',
        content: letter.bytes,
      });
    }
    const result = await reply(appContext(), actor, {
      appealId: id,
      text: text(form, 'text'),
      files: uploads,
      overrides: parseOverrides(form),
      seenReplyId,
      confirmed,
    });
    return { done: result.queued ? 'appeal.queued' : 'appeal.replied' };
  }),
  note: guarded(STAFF, async (event, actor, form) => {
    await addNote(appContext(), actor, {
      appealId: await appealId(event.params.number!, actor),
      text: text(form, 'text'),
    });
    return { done: 'appeal.noted' };
  }),
  assignMe: guarded(STAFF, async (event, actor) => {
    await assign(appContext(), actor, {
      appealId: await appealId(event.params.number!, actor),
      assigneeId: actor.userId,
      reason: null,
    });
    return { done: 'appeal.assigned' };
  }),
  assign: guarded(STAFF, async (event, actor, form) => {
    const assignee = text(form, 'assigneeId');
    const unit = text(form, 'unitId');
    await assign(appContext(), actor, {
      appealId: await appealId(event.params.number!, actor),
      assigneeId: assignee === '' ? null : Number(assignee),
      unitId: unit === '' ? undefined : Number(unit),
      reason: text(form, 'reason'),
    });
    return { done: 'appeal.assigned' };
  }),
  status: guarded(STAFF, async (event, actor, form) => {
    const status = text(form, 'status');
    if (!(STATUSES as readonly string[]).includes(status))
      return fail(400, { error: 'errors.invalid' });
    await changeStatus(appContext(), actor, {
      appealId: await appealId(event.params.number!, actor),
      status: status as Status,
      reason: text(form, 'reason'),
    });
    return { done: 'appeal.statusChanged' };
  }),
  client: guarded(STAFF, async (_event, actor, form) => {
    await updateClient(appContext(), actor, {
      id: Number(text(form, 'clientId')),
      surname: text(form, 'surname'),
      firstName: text(form, 'firstName'),
      patronymic: text(form, 'patronymic'),
      organization: text(form, 'organization'),
      segment: text(form, 'segment') as never,
      accessibility: form.getAll('accessibility').map(String) as never,
      accessibilityNote: text(form, 'accessibilityNote'),
      addEmail: text(form, 'addEmail'),
      addPhone: text(form, 'addPhone'),
    });
    return { done: 'appeal.clientSaved' };
  }),
  merge: guarded(STAFF, async (event, actor, form) => {
    const other = await appealByNumber(appContext().db, text(form, 'otherNumber').trim());
    if (!other) return fail(404, { error: 'errors.notFound' });
    const mine = await appealByNumber(appContext().db, event.params.number!);
    await mergeClients(appContext(), actor, {
      sourceId: other.client_id,
      targetId: mine!.client_id,
    });
    return { done: 'appeal.merged' };
  }),
};
