/** Every event a service publishes after its transaction commits. */
export interface AppEvents {
  'user.created': { userId: number; email: string };
  'user.updated': { userId: number };
  'unit.created': { unitId: number; name: string };
  'unit.updated': { unitId: number };
}

export type EventName = keyof AppEvents;
export type AppEvent = {
  [K in EventName]: { name: K; payload: AppEvents[K]; at: string };
}[EventName];
