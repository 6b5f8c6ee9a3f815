import { error, redirect } from '@sveltejs/kit';
import { CHECKLIST, checklistFrom } from '$lib/domain/calls/checklist';
import { endOfMoscowDay, fromMoscowInput } from '$lib/domain/calls/moscow';
import { hasAnyRole } from '$lib/domain/roles';
import type { CallDraft, CallInput } from '$lib/server/calls/call-input';
import { logCall } from '$lib/server/calls/log.service';
import { callScreen } from '$lib/server/calls/screen.service';
import { transferCall } from '$lib/server/calls/transfer.service';
import { appContext } from '$lib/server/context';
import { DomainError } from '$lib/server/errors';
import { guarded, text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

const STAFF = ['operator', 'supervisor'] as const;

const positive = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = locals.user!;
  const id = params.id === 'new' ? null : positive(params.id);
  if (params.id !== 'new' && id === null) error(404, 'errors.notFound');
  try {
    const screen = await callScreen(
      appContext(),
      { kind: 'user', userId: user.id, roles: user.roles },
      {
        id,
        callback: positive(url.searchParams.get('callback')),
        phone: url.searchParams.get('phone'),
      },
    );
    return {
      ...screen,
      me: user.id,
      mayAddScripts: hasAnyRole(user.roles, ['editor', 'supervisor']),
      transferred: positive(url.searchParams.get('transferred')),
      breach: url.searchParams.get('breach') === '1',
    };
  } catch (err) {
    if (err instanceof DomainError && err.code === 'NOT_FOUND') error(404, 'errors.notFound');
    throw err;
  }
};

function draftFrom(form: FormData): CallDraft {
  return {
    surname: text(form, 'surname'),
    firstName: text(form, 'firstName'),
    patronymic: text(form, 'patronymic'),
    topic: text(form, 'topic'),
    notes: text(form, 'notes'),
    processId: positive(text(form, 'processId')),
    touchpointId: positive(text(form, 'touchpointId')),
    appealNumber: text(form, 'appealNumber') || null,
    checklist: CHECKLIST.filter((c) => form.getAll('check').includes(c)),
    completesCallback: positive(text(form, 'completesCallback')),
  };
}

function callFrom(form: FormData): CallInput {
  const outcome = text(form, 'outcome');
  return {
    callId: positive(text(form, 'callId')),
    key: text(form, 'key') || null,
    callerNumber: text(form, 'callerNumber'),
    surname: text(form, 'surname'),
    firstName: text(form, 'firstName'),
    patronymic: text(form, 'patronymic'),
    touchpointId: positive(text(form, 'touchpointId')) ?? 0,
    processId: positive(text(form, 'processId')),
    topic: text(form, 'topic'),
    notes: text(form, 'notes'),
    appealNumber: text(form, 'appealNumber') || null,
    checklist: checklistFrom(form.getAll('check').map(String)),
    outcome: outcome as CallInput['outcome'],
    dueAt: outcome === 'follow_up' ? endOfMoscowDay(text(form, 'dueDate')) : null,
    ownerId: positive(text(form, 'ownerId')),
    unitId: outcome === 'follow_up' ? positive(text(form, 'unitId')) : null,
    callbackAt: outcome === 'callback' ? fromMoscowInput(text(form, 'callbackAt')) : null,
    startedAt: text(form, 'startedAt') || null,
    scriptId: positive(text(form, 'scriptId')),
    completesCallback: positive(text(form, 'completesCallback')),
  };
}

export const actions: Actions = {
  save: guarded(STAFF, async (_event, actor, form) => {
    const { callId } = await logCall(appContext(), actor, callFrom(form));
    redirect(303, `/calls/${callId}`);
  }),
  transfer: guarded(STAFF, async (_event, actor, form) => {
    const result = await transferCall(appContext(), actor, {
      callId: positive(text(form, 'callId')),
      key: text(form, 'key') || null,
      callerNumber: text(form, 'callerNumber'),
      touchpointId: positive(text(form, 'touchpointId')),
      startedAt: text(form, 'startedAt') || null,
      toUserId: positive(text(form, 'transferUserId')),
      toUnitId: positive(text(form, 'transferUnitId')),
      reason: text(form, 'transferReason'),
      draft: draftFrom(form),
    });
    redirect(
      303,
      `/calls/${result.callId}?transferred=${result.seq}&breach=${result.breach ? 1 : 0}`,
    );
  }),
};
