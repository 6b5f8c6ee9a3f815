/** The registry's closed vocabularies. Labels are the orders' own wording. */

export const MODES = ['online', 'offline'] as const;
export type Mode = (typeof MODES)[number];

export const CHANNELS = [
  'email',
  'webform',
  'phone',
  'portal',
  'social',
  'messenger',
  'chatbot',
  'post',
  'in_person',
  'edms',
  'video',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CLIENT_KINDS = ['external', 'internal'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** The nine client needs of seed 000 §4.9, in the order's numbering. */
export const NEEDS = [
  'information',
  'consultation',
  'forms',
  'submit',
  'result',
  'inspection',
  'feedback',
  'feedback_result',
  'other',
] as const;
export type Need = (typeof NEEDS)[number];

export const NEED_LABELS: Record<Need, string> = {
  information:
    'получение информации, в том числе о ходе рассмотрения заявления, обращения, запроса, документов',
  consultation: 'получение консультации',
  forms: 'получение форм документов',
  submit: 'представление заявления, обращения, запроса, документов',
  result: 'получение результата, ответа, разъяснения',
  inspection: 'предоставление объектов для осмотра (проверки)',
  feedback: 'предоставление обратной связи',
  feedback_result: 'получение результата рассмотрения обратной связи',
  other: 'другие удовлетворяемые потребности клиента',
};

export const PROPOSAL_KINDS = ['add', 'change', 'exclude'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** Triggers for updating the registry: seed 000 §6.3, seed 001 §5.2. */
export const PROPOSAL_REASONS = [
  'new_touchpoint',
  'kind_changed',
  'needs_changed',
  'exclusion',
  'process_registry_changed',
] as const;
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

export const PROPOSAL_STATUSES = ['pending', 'returned', 'approved', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One row of the registry as the form and every export show it. */
export interface RegistryEntry {
  area: string;
  areaClientKind: ClientKind;
  process: string;
  processClientKind: ClientKind;
  unit: string | null;
  touchpoint: string;
  mode: Mode;
  channel: Channel;
  address: string | null;
  needs: Need[];
  needsOther: string | null;
  specifics: string | null;
}
