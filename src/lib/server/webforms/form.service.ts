import type { ServiceContext } from '../context';
import { env } from '../env';
import { DomainError } from '../errors';
import { trackingUrl } from '../http/public-url';
import { globalFrameAncestors, webformLimits } from './limits';
import { appealByToken } from './tracking.queries';
import { processesOfTouchpoint, webformBySlug } from './webforms.queries';

/** What the public form page needs: the admin's settings, the processes offered, the limits. */
export async function publicForm(ctx: ServiceContext, slug: string) {
  const form = await webformBySlug(ctx.db, slug);
  if (!form || !form.active) throw new DomainError('NOT_FOUND', 'errors.notFound');
  const processes = (await processesOfTouchpoint(ctx.db, form.touchpointId)).filter((p) =>
    form.processIds.includes(p.id),
  );
  return {
    slug: form.slug,
    title: form.touchpoint,
    agency: env().OTKLIK_AGENCY,
    fields: form.fields,
    intro: form.intro,
    policyUrl: form.policyUrl,
    processes,
    limits: webformLimits(),
    frameAncestors: [...form.embedOrigins, ...globalFrameAncestors()],
  };
}

/** The page after sending: number, when the answer is due (59-FZ art. 12: 30 days), the link. */
export async function submittedView(ctx: ServiceContext, slug: string, token: string) {
  const form = await webformBySlug(ctx.db, slug);
  const appeal = /^[A-Za-z0-9_-]{20,64}$/.test(token)
    ? await appealByToken(ctx.db, token)
    : undefined;
  if (!form || !appeal || appeal.touchpointId !== form.touchpointId) {
    throw new DomainError('NOT_FOUND', 'errors.notFound');
  }
  return {
    title: form.touchpoint,
    agency: env().OTKLIK_AGENCY,
    thanks: form.thanks,
    number: appeal.number,
    createdAt: appeal.createdAt,
    answerDueAt: appeal.answerDueAt,
    trackingUrl: trackingUrl(token),
    trackingPath: `/t/${token}`,
    frameAncestors: [...form.embedOrigins, ...globalFrameAncestors()],
  };
}
