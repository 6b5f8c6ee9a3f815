import { SLUG, normalizeFields, type FieldSetting } from '../../domain/webforms/fields';
import { parseOrigins } from '../../domain/webforms/origins';
import { recordAudit } from '../audit/audit.queries';
import { assertRole } from '../auth/access';
import { inTransaction, type Actor, type ServiceContext } from '../context';
import { DomainError } from '../errors';
import {
  listWebforms,
  processesOfTouchpoint,
  upsertWebform,
  webformTouchpoints,
} from './webforms.queries';

export interface WebformInput {
  touchpointId: number;
  slug: string;
  active: boolean;
  fields: FieldSetting[];
  intro: string;
  thanks: string;
  processIds: number[];
  /** Origins, one per line or separated by spaces. */
  embedOrigins: string;
  policyUrl: string;
}

/** Every web-form touchpoint of the registry with its form, when configured, and its processes. */
export async function webformSettings(ctx: ServiceContext, actor: Actor) {
  assertRole(actor, ['admin']);
  const forms = await listWebforms(ctx.db);
  const touchpoints = await webformTouchpoints(ctx.db);
  return Promise.all(
    touchpoints.map(async (t) => ({
      touchpoint: t,
      form: forms.find((f) => f.touchpointId === t.id) ?? null,
      processes: await processesOfTouchpoint(ctx.db, t.id),
    })),
  );
}

function validPolicyUrl(url: string): boolean {
  return /^https?:\/\/\S+$/i.test(url) || /^\/[^/\s]\S*$/.test(url);
}

/** Seed 000 §3.4: the admin decides the fields, hints, processes and texts of each form. */
export async function saveWebform(ctx: ServiceContext, actor: Actor, input: WebformInput) {
  assertRole(actor, ['admin']);
  const slug = input.slug.trim().toLowerCase();
  const errors: Record<string, string> = {};
  if (!SLUG.test(slug)) errors.slug = 'webform.settings.slugInvalid';
  const { origins, invalid } = parseOrigins(input.embedOrigins);
  if (invalid.length) errors.embedOrigins = 'webform.settings.originInvalid';
  const policyUrl = input.policyUrl.trim();
  if (!validPolicyUrl(policyUrl)) errors.policyUrl = 'webform.settings.policyInvalid';
  return inTransaction(ctx, async (trx) => {
    const touchpoint = await trx
      .selectFrom('touchpoints')
      .select(['id', 'channel'])
      .where('id', '=', input.touchpointId)
      .executeTakeFirst();
    if (!touchpoint || touchpoint.channel !== 'webform') {
      throw new DomainError('NOT_FOUND', 'errors.notFound');
    }
    const taken = await trx
      .selectFrom('webforms')
      .select('touchpoint_id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (taken && taken.touchpoint_id !== input.touchpointId) {
      errors.slug = 'webform.settings.slugTaken';
    }
    if (Object.keys(errors).length) {
      throw new DomainError('INVALID', 'errors.invalid', { fields: errors });
    }
    const allowed = new Set((await processesOfTouchpoint(trx, touchpoint.id)).map((p) => p.id));
    const id = await upsertWebform(
      trx,
      {
        touchpointId: touchpoint.id,
        slug,
        active: input.active,
        fields: normalizeFields(input.fields),
        intro: input.intro.trim().slice(0, 2000),
        thanks: input.thanks.trim().slice(0, 2000),
        processIds: input.processIds.filter((p) => allowed.has(p)),
        embedOrigins: origins,
        policyUrl,
      },
      actor.kind === 'user' ? actor.userId : null,
      ctx.clock.now().toISOString(),
    );
    await recordAudit(trx, ctx.clock.now(), actor, {
      action: 'webform.save',
      entity: 'webform',
      entityId: id,
      details: { slug, active: input.active },
    });
    return { id, slug };
  });
}
