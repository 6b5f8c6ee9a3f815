export const DIRECTIONS = ['in', 'out', 'note', 'system'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Kinds of timeline items; channel kinds for in/out, event kinds for system. */
export const INTERACTION_KINDS = [
  'email',
  'webform',
  'call',
  'manual',
  'reply',
  'note',
  'created',
  'assigned',
  'transferred',
  'status',
  'ack',
  'merged',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

/** Channels without a live adapter: operators log what happened there by hand. */
export const MANUAL_CHANNELS = [
  'in_person',
  'post',
  'social',
  'messenger',
  'chatbot',
  'portal',
  'edms',
  'video',
  'other',
] as const;
