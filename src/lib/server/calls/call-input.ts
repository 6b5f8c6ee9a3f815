import { z } from 'zod';
import { CHECKLIST, type ChecklistItem } from '../../domain/calls/checklist';
import { OUTCOMES } from '../../domain/calls/outcomes';

const name = z.string().trim().max(200).nullish();
const id = z.number().int().positive().nullish();
const instant = z.string().datetime({ offset: true }).nullish();

/** What the call screen sends when the operator saves the call. */
export const callInput = z.object({
  /** The call row (a PBX call, or one handed over before saving); absent for a fresh screen. */
  callId: id,
  /** A fresh screen's own id: saving twice stores the call once. */
  key: z
    .string()
    .regex(/^[\w-]{8,64}$/)
    .nullish(),
  callerNumber: z.string().trim().max(50).nullish(),
  surname: name,
  firstName: name,
  patronymic: name,
  touchpointId: z.number().int().positive(),
  processId: id,
  topic: z.string().trim().min(1).max(300),
  notes: z.string().trim().max(20000).nullish(),
  /** An open appeal of the caller that this call continues. */
  appealNumber: z
    .string()
    .trim()
    .regex(/^20\d{2}-\d{6}$/)
    .nullish(),
  checklist: z.object({
    greeted: z.boolean(),
    askedName: z.boolean(),
    usedName: z.boolean(),
    clarified: z.boolean(),
    solution: z.boolean(),
  } satisfies Record<ChecklistItem, z.ZodBoolean>),
  outcome: z.enum(OUTCOMES),
  dueAt: instant,
  ownerId: id,
  unitId: id,
  callbackAt: instant,
  /** When the screen opened, for a call without telephony. */
  startedAt: instant,
  scriptId: id,
  /** The callback this call makes. */
  completesCallback: id,
});
export type CallInput = z.input<typeof callInput>;

/** What an operator had typed when handing the call over, for the next person's screen. */
export const draftSchema = z.object({
  surname: z.string().max(200).optional(),
  firstName: z.string().max(200).optional(),
  patronymic: z.string().max(200).optional(),
  topic: z.string().max(300).optional(),
  notes: z.string().max(20000).optional(),
  processId: z.number().int().positive().nullish(),
  touchpointId: z.number().int().positive().nullish(),
  appealNumber: z.string().max(20).nullish(),
  checklist: z.array(z.enum(CHECKLIST)).optional(),
  completesCallback: z.number().int().positive().nullish(),
});
export type CallDraft = z.infer<typeof draftSchema>;

export function parseDraft(json: string | null): CallDraft | null {
  if (!json) return null;
  try {
    const parsed = draftSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const transferInput = z
  .object({
    callId: id,
    key: z
      .string()
      .regex(/^[\w-]{8,64}$/)
      .nullish(),
    callerNumber: z.string().trim().max(50).nullish(),
    touchpointId: id,
    startedAt: instant,
    toUserId: id,
    toUnitId: id,
    reason: z.string().trim().max(500).nullish(),
    draft: draftSchema.optional(),
  })
  .refine((t) => !!t.toUserId !== !!t.toUnitId, { message: 'target', path: ['toUserId'] });
export type TransferInput = z.input<typeof transferInput>;
