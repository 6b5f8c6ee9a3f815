import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar/dates';
import { CHANNELS } from '../../domain/registry/vocabulary';
import { TEMPLATE_KINDS } from '../../domain/templates/lifecycle';
import { DomainError } from '../errors';

const ids = z.array(z.number().int().positive()).max(200);

export const templateFields = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  processIds: ids.default([]),
  touchpointIds: ids.default([]),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  ownerId: z.number().int().positive().nullable().default(null),
  reviewBy: z
    .string()
    .refine((v) => isIsoDate(v))
    .nullable()
    .default(null),
});
export type TemplateFields = z.output<typeof templateFields>;

export const newTemplateInput = templateFields.extend({ kind: z.enum(TEMPLATE_KINDS) });

/** Browsers send CRLF; stored bodies keep LF so versions compare line by line. */
const lf = (s: string) => s.replace(/\r\n?/g, '\n');

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('INVALID', 'templates.invalid', {
      fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', '),
    });
  }
  const out = parsed.data as z.output<S> & Partial<TemplateFields>;
  if (typeof out.body === 'string') out.body = lf(out.body);
  if (out.tags) out.tags = [...new Set(out.tags)];
  if (out.processIds) out.processIds = [...new Set(out.processIds)];
  if (out.touchpointIds) out.touchpointIds = [...new Set(out.touchpointIds)];
  if (out.channels) out.channels = [...new Set(out.channels)];
  return out;
}
