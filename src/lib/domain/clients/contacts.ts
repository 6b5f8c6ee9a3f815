/** Client segments of seed 003 §2.6.3 / seed 001 §3.2.6 («профиль клиентского сегмента»). */
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

/** Seed 000 §4.13 p.4: health problems, low digital skills, limited Russian. */
export const ACCESSIBILITY = ['health', 'digital', 'language'] as const;
export type Accessibility = (typeof ACCESSIBILITY)[number];

export function normalizeEmail(value: string): string | null {
  const v = value.trim().toLowerCase();
  return /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/.test(v) ? v : null;
}

/**
 * Russian numbers as +7XXXXXXXXXX: «8 (912) 345-67-89», «+7 912 345 67 89», «9123456789».
 * Returns null for anything else, so a foreign or short number is never guessed at.
 */
export function normalizePhone(value: string): string | null {
  const digits = value.replace(/[^\d+]/g, '');
  const plain = digits.replace(/^\+/, '');
  if (digits.startsWith('+') && !plain.startsWith('7')) return null;
  if (/^[78]\d{10}$/.test(plain)) return `+7${plain.slice(1)}`;
  if (/^9\d{9}$/.test(plain)) return `+7${plain}`;
  return null;
}

export function formatPhone(normalized: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(normalized);
  return m ? `+7 (${m[1]}) ${m[2]}-${m[3]}-${m[4]}` : normalized;
}

export interface ClientName {
  surname: string | null;
  firstName: string | null;
  patronymic: string | null;
  organization: string | null;
}

export function clientDisplayName(c: ClientName): string {
  const person = [c.surname, c.firstName, c.patronymic].filter(Boolean).join(' ');
  if (person && c.organization) return `${person} (${c.organization})`;
  return person || c.organization || '';
}

/** «Имя Отчество» — how a reply addresses the client (seed 000 §3.5). */
export function addressName(c: ClientName): string | null {
  return c.firstName ? [c.firstName, c.patronymic].filter(Boolean).join(' ') : null;
}

/** Splits «Иванова Мария Петровна» into its parts; one word is taken as the first name. */
export function splitFullName(
  full: string,
): Pick<ClientName, 'surname' | 'firstName' | 'patronymic'> {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { surname: null, firstName: null, patronymic: null };
  if (words.length === 1) return { surname: null, firstName: words[0]!, patronymic: null };
  if (words.length === 2) return { surname: words[0]!, firstName: words[1]!, patronymic: null };
  return { surname: words[0]!, firstName: words[1]!, patronymic: words.slice(2).join(' ') };
}
