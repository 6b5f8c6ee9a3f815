export const ROLES = ['operator', 'supervisor', 'editor', 'maintainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.some((r) => held.includes(r));
}
