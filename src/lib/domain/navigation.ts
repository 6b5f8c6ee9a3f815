import type { MessageKey } from '../i18n/messages';
import { hasAnyRole, type Role } from './roles';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

/** The console's sections and who may open them; a console route not listed here is denied. */
export const NAV: readonly NavItem[] = [
  { href: '/inbox', label: 'nav.inbox', roles: ['operator', 'supervisor'] },
  { href: '/calls', label: 'nav.calls', roles: ['operator', 'supervisor'] },
  { href: '/deadlines', label: 'nav.deadlines', roles: ['operator', 'supervisor'] },
  { href: '/queues', label: 'nav.queues', roles: ['supervisor'] },
  { href: '/templates', label: 'nav.templates', roles: ['editor'] },
  { href: '/style', label: 'nav.style', roles: ['editor'] },
  { href: '/registry', label: 'nav.registry', roles: ['maintainer'] },
  { href: '/metrics', label: 'nav.metrics', roles: ['maintainer', 'supervisor'] },
  { href: '/settings', label: 'nav.settings', roles: ['admin'] },
  { href: '/users', label: 'nav.users', roles: ['admin'] },
  // Unit staff propose registry changes to the maintainer (seed 000 §4.5, §6.4).
  {
    href: '/proposals',
    label: 'nav.proposals',
    roles: ['operator', 'supervisor', 'editor', 'maintainer', 'admin'],
  },
];

/** Pages every signed-in user may open whatever their roles. */
const OPEN_TO_ALL = ['/', '/profile'];

export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV.filter((item) => hasAnyRole(roles, item.roles));
}

/** Roles allowed on a console path, or null when the path belongs to no declared section. */
export function rolesForPath(pathname: string): readonly Role[] | 'all' | null {
  if (OPEN_TO_ALL.includes(pathname)) return 'all';
  const item = NAV.find((n) => pathname === n.href || pathname.startsWith(`${n.href}/`));
  return item ? item.roles : null;
}

export function homeFor(roles: readonly Role[]): string {
  return navFor(roles)[0]?.href ?? '/profile';
}

export function mayOpen(roles: readonly Role[], pathname: string): boolean {
  const allowed = rolesForPath(pathname);
  return allowed === 'all' || (allowed !== null && hasAnyRole(roles, allowed));
}
