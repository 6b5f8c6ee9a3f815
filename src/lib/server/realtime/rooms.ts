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
    // A call pops up for the person (or unit) it is routed to; unrouted calls ring for everyone.
    case 'call.offered': {
      const { userId, unitId } = event.payload;
      if (userId != null) return [rooms.user(userId)];
      if (unitId != null) return [rooms.unit(unitId)];
      return [rooms.role('operator')];
    }
    case 'call.updated':
    case 'call.logged': {
      const id = event.payload.operatorId;
      return [
        rooms.role('supervisor'),
        ...(id != null ? [rooms.user(id)] : [rooms.role('operator')]),
      ];
    }
    case 'callback.scheduled':
    case 'callback.done':
      return [rooms.user(event.payload.ownerId)];
    // Deadline alerts go to the assignee (the unit while nobody holds it) and the supervisors.
    case 'deadline.warning':
    case 'deadline.breached': {
      const { assigneeId, unitId } = event.payload;
      const own =
        assigneeId != null ? [rooms.user(assigneeId)] : unitId != null ? [rooms.unit(unitId)] : [];
      return [rooms.role('supervisor'), ...own];
    }
  }
}
