import type { AppEvent } from '../events/events';

export const rooms = {
  user: (id: number) => `user:${id}`,
  role: (role: string) => `role:${role}`,
  unit: (id: number) => `unit:${id}`,
};

/** Who may receive an event; an event with no rooms is not sent to anyone. */
export function roomsFor(event: AppEvent): string[] {
  switch (event.name) {
    case 'user.created':
      return [rooms.role('admin')];
    case 'user.updated':
      return [rooms.role('admin'), rooms.user(event.payload.userId)];
    case 'unit.created':
    case 'unit.updated':
      return [rooms.role('admin')];
    case 'registry.proposed':
    case 'registry.reviewed':
    case 'registry.versionApproved':
    case 'registry.versionPublished':
      return [rooms.role('maintainer')];
    // The inbox is shared by the contact centre: every operator and supervisor sees it move.
    case 'appeal.created':
    case 'appeal.updated':
    case 'interaction.added':
    case 'client.updated':
      return [rooms.role('operator'), rooms.role('supervisor')];
  }
}
