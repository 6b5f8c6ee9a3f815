import { describe, expect, it } from 'vitest';
import { homeFor, mayOpen, navFor, rolesForPath } from '../../src/lib/domain/navigation';
import { ROLES } from '../../src/lib/domain/roles';

const hrefs = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((n) => n.href);

describe('navigation by role', () => {
  it.each([
    ['operator', ['/inbox', '/calls', '/deadlines', '/proposals']],
    ['supervisor', ['/inbox', '/calls', '/deadlines', '/queues', '/metrics', '/proposals']],
    ['editor', ['/templates', '/style', '/proposals']],
    ['maintainer', ['/registry', '/metrics', '/proposals']],
    ['admin', ['/settings', '/users', '/proposals']],
  ] as const)('%s sees %j', (role, expected) => {
    expect(hrefs([role])).toEqual(expected);
  });

  it('unites the sections of several roles without repeats', () => {
    expect(hrefs(['operator', 'maintainer'])).toEqual([
      '/inbox',
      '/calls',
      '/deadlines',
      '/registry',
      '/metrics',
      '/proposals',
    ]);
  });

  it('denies console paths that no section declares', () => {
    expect(rolesForPath('/secret-admin')).toBeNull();
    expect(rolesForPath('/users/5')).toEqual(['admin']);
    expect(rolesForPath('/usersx')).toBeNull();
    expect(rolesForPath('/profile')).toBe('all');
  });

  it('sends each role to its first section after sign-in', () => {
    expect(ROLES.map((r) => homeFor([r]))).toEqual([
      '/inbox',
      '/inbox',
      '/templates',
      '/registry',
      '/settings',
    ]);
  });
});

describe('mayOpen', () => {
  it('opens a section to its roles only, and undeclared paths to no one', () => {
    expect(mayOpen(['admin'], '/users')).toBe(true);
    expect(mayOpen(['operator'], '/users')).toBe(false);
    expect(mayOpen(['admin', 'operator'], '/nowhere')).toBe(false);
    expect(mayOpen(['editor'], '/profile')).toBe(true);
  });
});
