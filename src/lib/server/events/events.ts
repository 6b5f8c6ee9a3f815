/** Every event a service publishes after its transaction commits. */
export interface AppEvents {
  'user.created': { userId: number; email: string };
  /** `access`: roles, units or the account's state changed, so open connections are re-made. */
  'user.updated': { userId: number; access?: boolean };
  'unit.created': { unitId: number; name: string };
  'unit.updated': { unitId: number };
  'registry.proposed': { proposalId: number };
  'registry.reviewed': { proposalId: number; status: 'approved' | 'returned' };
  'registry.versionApproved': { versionNumber: number };
  'registry.versionPublished': { versionNumber: number };
  'appeal.created': { appealId: number; number: string };
  'appeal.updated': {
    appealId: number;
    status: string;
    assigneeId: number | null;
    unitId: number | null;
    /** Set when the appeal changed hands: who held it before also sees it go. */
    previousAssigneeId?: number | null;
    previousUnitId?: number | null;
  };
  'interaction.added': { appealId: number; interactionId: number; direction: string };
  'client.updated': { clientId: number };
  /** A live call rings at, was answered by or was transferred to someone: pop its screen up. */
  'call.offered': {
    callId: number;
    userId: number | null;
    unitId: number | null;
    phase: string;
    caller: string | null;
    clientName: string | null;
    line: string | null;
  };
  'call.updated': { callId: number; operatorId: number | null; phase: string };
  'call.logged': { callId: number; appealId: number; operatorId: number | null };
  'callback.scheduled': { callId: number; ownerId: number; callbackAt: string };
  'callback.done': { callId: number; ownerId: number };
  /** A share of the time to answer is used up, or the deadline has passed (issue 10). */
  'deadline.warning': DeadlineAlert;
  'deadline.breached': DeadlineAlert & { overMs: number };
}

export interface DeadlineAlert {
  appealId: number;
  number: string;
  assigneeId: number | null;
  unitId: number | null;
  dueAt: string;
  /** Which deadline: the answer (default) or forwarding to the competent body. */
  target?: 'answer' | 'forward';
}

export type EventName = keyof AppEvents;
export type AppEvent = {
  [K in EventName]: { name: K; payload: AppEvents[K]; at: string };
}[EventName];
