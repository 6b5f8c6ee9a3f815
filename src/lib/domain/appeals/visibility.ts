import { hasAnyRole, type Role } from '../roles';

/** Who holds an appeal: what decides who may see it. */
export interface AppealScope {
  unitId: number | null;
  assigneeId: number | null;
}

export interface AppealViewer {
  userId: number;
  unitIds: readonly number[];
  roles: readonly Role[];
}

/** Supervisors watch the whole contact centre; operators work in their units. */
export const seesEveryAppeal = (roles: readonly Role[]) => hasAnyRole(roles, ['supervisor']);

/**
 * An operator sees the appeals of their units, the common pool (no unit yet) and whatever is
 * assigned to them personally, wherever it belongs.
 */
export function maySeeAppeal(viewer: AppealViewer, scope: AppealScope): boolean {
  if (seesEveryAppeal(viewer.roles)) return true;
  if (!hasAnyRole(viewer.roles, ['operator'])) return false;
  return (
    scope.assigneeId === viewer.userId ||
    scope.unitId == null ||
    viewer.unitIds.includes(scope.unitId)
  );
}
