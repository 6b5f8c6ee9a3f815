import { PRIORITIES } from '$lib/domain/appeals/status';
import { SEGMENTS } from '$lib/domain/clients/contacts';
import { DEADLINE_UNITS, type DeadlineUnit } from '$lib/domain/deadlines/arithmetic';
import { BASES, MESSAGE_KINDS, type Basis, type MessageKind } from '$lib/domain/deadlines/policy';
import { classifierStatus, retrainClassifier } from '$lib/server/classify/classify.service';
import {
  deleteKeywordRule,
  listKeywordRules,
  saveKeywordRule,
} from '$lib/server/classify/rules.service';
import { appContext } from '$lib/server/context';
import { deadlineSettings } from '$lib/server/deadlines/deadlines.queries';
import {
  listPolicies,
  saveDeadlineSettings,
  savePolicy,
} from '$lib/server/deadlines/policies.service';
import { isNotice } from '$lib/domain/deadlines/notices';
import { linkNoticeTemplate, noticeLinks } from '$lib/server/deadlines/notices.service';
import { DomainError } from '$lib/server/errors';
import { deadlineAlerts } from '$lib/server/deadlines/tick.service';
import { guarded, text } from '$lib/server/http/actions';
import {
  deleteRoutingRule,
  listRoutingRules,
  saveRoutingRule,
} from '$lib/server/routing/rules.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
  const ctx = appContext();
  const [
    policies,
    settings,
    rules,
    routes,
    model,
    alerts,
    processes,
    touchpoints,
    units,
    users,
    notices,
    noticeTemplates,
  ] = await Promise.all([
    listPolicies(ctx),
    deadlineSettings(ctx.db),
    listKeywordRules(ctx),
    listRoutingRules(ctx),
    classifierStatus(ctx),
    deadlineAlerts(ctx),
    ctx.db.selectFrom('processes').select(['id', 'name']).orderBy('name').execute(),
    ctx.db.selectFrom('touchpoints').select(['id', 'name', 'channel']).orderBy('name').execute(),
    ctx.db.selectFrom('units').select(['id', 'name']).orderBy('name').execute(),
    ctx.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('active', '=', 1)
      .orderBy('name')
      .execute(),
    noticeLinks(ctx.db),
    ctx.db
      .selectFrom('templates')
      .select(['id', 'title'])
      .where('kind', '=', 'notice')
      .where('status', '=', 'published')
      .orderBy('title')
      .execute(),
  ]);
  return {
    noticeTemplates,
    notices,
    messageKinds: MESSAGE_KINDS,
    policies,
    settings,
    rules,
    routes,
    model,
    alerts,
    processes,
    touchpoints,
    units,
    users,
    channels: [...new Set(touchpoints.map((t) => t.channel))].sort(),
    bases: BASES,
    deadlineUnits: DEADLINE_UNITS,
    segments: SEGMENTS,
    priorities: PRIORITIES,
  };
};

const id = (form: FormData, name: string) => {
  const v = Number(text(form, name));
  return Number.isInteger(v) && v > 0 ? v : null;
};

const target = (form: FormData, name: string) => {
  const amount = text(form, `${name}Amount`);
  const unit = text(form, `${name}Unit`);
  return amount === '' || !unit ? null : { amount: Number(amount), unit: unit as DeadlineUnit };
};

const hhmm = (v: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(v);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

export const actions: Actions = {
  settings: guarded(['admin'], async (_event, actor, form) => {
    await saveDeadlineSettings(appContext(), actor, {
      officeStart: hhmm(text(form, 'officeStart')),
      officeEnd: hhmm(text(form, 'officeEnd')),
      warnShare: Number(text(form, 'warnShare')) / 100,
      routingStrategy: text(form, 'strategy') === 'round_robin' ? 'round_robin' : 'least_open',
      holdoutShare: Number(text(form, 'holdoutShare') || 20) / 100,
    });
    return { saved: true };
  }),
  notice: guarded(['admin'], async (_event, actor, form) => {
    const notice = text(form, 'notice');
    if (!isNotice(notice)) throw new DomainError('INVALID', 'errors.invalid');
    await linkNoticeTemplate(appContext(), actor, { notice, templateId: id(form, 'templateId') });
    return { saved: true };
  }),
  // The same training as `otklik classify train [--with-demo]`.
  train: guarded(['admin'], async (_event, actor, form) => {
    const report = await retrainClassifier(appContext(), actor, {
      withDemo: form.get('withDemo') === 'on',
    });
    return { trained: true, report };
  }),
  policy: guarded(['admin'], async (_event, actor, form) => {
    await savePolicy(appContext(), actor, {
      id: id(form, 'id'),
      name: text(form, 'name'),
      basis: text(form, 'basis') as Basis,
      channel: text(form, 'channel') || null,
      touchpointId: id(form, 'touchpointId'),
      processId: id(form, 'processId'),
      segment: text(form, 'segment') || null,
      ack: target(form, 'ack'),
      first: target(form, 'first'),
      answer: target(form, 'answer'),
      extensionDays: id(form, 'extensionDays'),
      forwardDays: id(form, 'forwardDays'),
      noticeDays: id(form, 'noticeDays'),
      messageKind: (text(form, 'messageKind') || null) as MessageKind | null,
      active: form.get('active') === 'on',
    });
    return { saved: true };
  }),
  rule: guarded(['admin'], async (_event, actor, form) => {
    await saveKeywordRule(appContext(), actor, {
      keyword: text(form, 'keyword'),
      processId: id(form, 'processId'),
      priority: text(form, 'priority') || null,
      position: Number(text(form, 'position')) || 0,
    });
    return { saved: true };
  }),
  deleteRule: guarded(['admin'], async (_event, actor, form) => {
    await deleteKeywordRule(appContext(), actor, Number(text(form, 'id')));
    return { saved: true };
  }),
  route: guarded(['admin'], async (_event, actor, form) => {
    await saveRoutingRule(appContext(), actor, {
      position: Number(text(form, 'position')) || 0,
      processId: id(form, 'processId'),
      touchpointId: id(form, 'touchpointId'),
      segment: text(form, 'segment') || null,
      priority: text(form, 'priority') || null,
      unitId: id(form, 'unitId'),
      userId: id(form, 'userId'),
    });
    return { saved: true };
  }),
  deleteRoute: guarded(['admin'], async (_event, actor, form) => {
    await deleteRoutingRule(appContext(), actor, Number(text(form, 'id')));
    return { saved: true };
  }),
};
