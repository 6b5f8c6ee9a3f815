import { z } from 'zod';
import profileData from './rules/profiles.json';
import { CATEGORIES, SEVERITIES, type Severity } from './types';

/**
 * Reader profiles: seed 000 §3.5 «ориентируясь на клиента (возраст, образование)», seed 003 §2.6.3
 * «с учётом профиля клиентского сегмента». A profile changes severities (by category or rule id),
 * rule parameters, the abbreviations a reader knows and the term domains they work in.
 */
const severityOrOff = z.enum([...SEVERITIES, 'off']);

const profileSchema = z.object({
  label: z.string(),
  description: z.string(),
  severity: z.record(z.string(), severityOrOff).default({}),
  params: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  accept: z.array(z.string()).default([]),
  termDomains: z.array(z.string()).default([]),
});

export interface Profile extends z.infer<typeof profileSchema> {
  name: string;
}

export const DEFAULT_PROFILE = 'citizen';

export function parseProfiles(data: unknown): Map<string, Profile> {
  const parsed = z.record(z.string(), profileSchema).parse(data);
  for (const [name, p] of Object.entries(parsed)) {
    for (const key of Object.keys(p.severity)) {
      const category = key.split('.')[0]!;
      if (!(CATEGORIES as readonly string[]).includes(category)) {
        throw new Error(`profile ${name}: unknown category or rule "${key}"`);
      }
    }
  }
  return new Map(Object.entries(parsed).map(([name, p]) => [name, { ...p, name }]));
}

export const BUILT_IN_PROFILES = parseProfiles(profileData);

export function severityFor(
  profile: Profile,
  rule: { id: string; category: string; severity: Severity },
): Severity | 'off' {
  return profile.severity[rule.id] ?? profile.severity[rule.category] ?? rule.severity;
}

/** Client segments of the design glossary (профиль клиентского сегмента). */
export const SEGMENTS = [
  'citizen',
  'legal_entity',
  'public_association',
  'state_body',
  'local_government',
  'media',
  'employee',
  'other',
] as const;
export type Segment = (typeof SEGMENTS)[number];

/** Accessibility notes on a client card that call for the plain-language profile. */
export const PLAIN_LANGUAGE_NEEDS = [
  'limited_russian',
  'low_digital_skills',
  'elderly',
  'cognitive',
  'child',
] as const;

/** The profile a reply to this client is checked with. */
export function profileFor(segment: Segment | undefined, needs: readonly string[] = []): string {
  if (needs.some((n) => (PLAIN_LANGUAGE_NEEDS as readonly string[]).includes(n))) return 'plain';
  switch (segment) {
    case 'legal_entity':
      return 'organisation';
    case 'state_body':
    case 'local_government':
      return 'government';
    case 'employee':
      return 'employee';
    default:
      return DEFAULT_PROFILE;
  }
}
