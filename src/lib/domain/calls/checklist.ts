/**
 * Conduct on the phone, seed 000 §3.5: greet the client, ask their name and patronymic politely
 * and use them, find out the whole question, give a solution or explain the next steps and the
 * deadline. Each item is stored ticked or not; unticked ones count in the metrics.
 */
export const CHECKLIST = ['greeted', 'askedName', 'usedName', 'clarified', 'solution'] as const;
export type ChecklistItem = (typeof CHECKLIST)[number];
export type Checklist = Record<ChecklistItem, boolean>;

export const EMPTY_CHECKLIST: Checklist = {
  greeted: false,
  askedName: false,
  usedName: false,
  clarified: false,
  solution: false,
};

/** The storage column of each item. */
export const CHECKLIST_COLUMNS = {
  greeted: 'chk_greeted',
  askedName: 'chk_asked_name',
  usedName: 'chk_used_name',
  clarified: 'chk_clarified',
  solution: 'chk_solution',
} as const satisfies Record<ChecklistItem, string>;

export function missedItems(checklist: Checklist): ChecklistItem[] {
  return CHECKLIST.filter((item) => !checklist[item]);
}

export function checklistFrom(values: Iterable<string>): Checklist {
  const ticked = new Set(values);
  return Object.fromEntries(CHECKLIST.map((item) => [item, ticked.has(item)])) as Checklist;
}
