import { z } from 'zod';
import {
  CHANNELS,
  CLIENT_KINDS,
  MODES,
  NEEDS,
  PROPOSAL_REASONS,
} from '../../domain/registry/vocabulary';

const name = z.string().trim().min(1).max(500);
const optionalText = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((v) => v || null);

const needsFields = {
  needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
  needsOther: optionalText,
  specifics: optionalText,
};

const processRef = z.union([
  z.object({ id: z.number().int().positive() }),
  z.object({
    areaId: z.number().int().positive(),
    name,
    unitId: z.number().int().positive().nullable(),
    clientKind: z.enum(CLIENT_KINDS),
  }),
]);

const touchpointKind = {
  mode: z.enum(MODES),
  channel: z.enum(CHANNELS),
  address: optionalText,
};

const touchpointRef = z.union([
  z.object({ id: z.number().int().positive() }),
  z.object({ name, ...touchpointKind, description: optionalText }),
]);

/** What a unit member proposes; stored as given and applied on approval (seed 000 §6.3–6.4). */
export const proposalInput = z.object({
  reason: z.enum(PROPOSAL_REASONS),
  reasonText: optionalText,
  change: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('add'),
      process: processRef,
      touchpoint: touchpointRef,
      ...needsFields,
    }),
    z.object({
      kind: z.literal('change'),
      rowId: z.number().int().positive(),
      ...needsFields,
      touchpoint: z.object(touchpointKind).nullish(),
    }),
    z.object({ kind: z.literal('exclude'), rowId: z.number().int().positive() }),
  ]),
});

export type ProposalInput = z.infer<typeof proposalInput>;
export type ProposalPayload = ProposalInput['change'];
