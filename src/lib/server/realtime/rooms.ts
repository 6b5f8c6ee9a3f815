import type { AppealScope } from '../../domain/appeals/visibility';
import type { AppEvent } from '../events/events';

export const rooms = {
  user: (id: number) => `user:${id}`,
  role: (role: string) => `role:${role}`,
  unit: (id: number) => `unit:${id}`,
  /** Whoever has the appeal open: viewers and typing notices. */
  appeal: (id: number) => `appeal:${id}`,
};

/** Events about one appeal; their rooms depend on who holds the appeal when they are sent. */
export const APPEAL_EVENTS = new Set(['appeal.created', 'appeal.updated', 'interaction.added']);

/** Supervisors, the appeal's unit (the common pool when it has none) and its assignee. */
function appealRooms(scope: AppealScope): string[] {
  return [
    scope.unitId != null ? rooms.unit(scope.unitId) : rooms.role('operator'),
    ...(scope.assigneeId != null ? [rooms.user(scope.assigneeId)] : []),
  ];
}

/**
 * Who may receive an event; an event with no rooms is not sent to anyone. Appeal events need
 * the appeal's current `scope`: an operator never hears of appeals outside their units.
 */
export function roomsFor(event: AppEvent, scope?: AppealScope | null): string[] {
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
    case 'appeal.created':
    case 'interaction.added':
      if (!scope) return [rooms.role('supervisor')];
      return [
        rooms.role('supervisor'),
        rooms.appeal(event.payload.appealId),
        ...appealRooms(scope),
      ];
    case 'appeal.updated': {
      const p = event.payload;
      const now = appealRooms(scope ?? { unitId: p.unitId, assigneeId: p.assigneeId });
      // Who held it before sees it leave their queue.
      const before =
        p.previousUnitId !== undefined || p.previousAssigneeId !== undefined
          ? appealRooms({
              unitId: p.previousUnitId ?? null,
              assigneeId: p.previousAssigneeId ?? null,
            })
          : [];
      return [...new Set([rooms.role('supervisor'), rooms.appeal(p.appealId), ...now, ...before])];
    }
    // A client's profile is shared across units: every operator and supervisor may open it.
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
