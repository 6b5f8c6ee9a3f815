export const QUEUE_ORDER = [
  'mine',
  'unassigned',
  'units',
  'overdue',
  'waiting',
  'all',
  'closed',
] as const;
