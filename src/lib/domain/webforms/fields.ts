/**
 * The fields of a public web form (seed 000 §3.4: minimal effort, hints, required fields
 * highlighted). Keys are stable: the admin's settings and the submitted form use them.
 */
export const FIELD_KEYS = [
  'surname',
  'firstName',
  'patronymic',
  'email',
  'phone',
  'subject',
  'text',
  'attachments',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export interface FieldSetting {
  key: FieldKey;
  enabled: boolean;
  required: boolean;
  /** Plain-language hint shown under the field; empty for the default hint. */
  hint: string;
}

/** Fields the form cannot work without: the text, and the contacts (at least one is checked). */
export const ALWAYS_ENABLED: readonly FieldKey[] = ['text', 'email', 'phone'];

/** What browsers fill in by themselves (WCAG 1.3.5 Identify Input Purpose). */
export const AUTOCOMPLETE: Partial<Record<FieldKey, string>> = {
  surname: 'family-name',
  firstName: 'given-name',
  patronymic: 'additional-name',
  email: 'email',
  phone: 'tel',
};

export function defaultFields(): FieldSetting[] {
  return FIELD_KEYS.map((key) => ({
    key,
    enabled: true,
    required: key === 'firstName' || key === 'text',
    hint: '',
  }));
}

/** Settings as stored, completed with defaults for keys added later and cleaned of unknown ones. */
export function normalizeFields(raw: unknown): FieldSetting[] {
  const given = Array.isArray(raw) ? (raw as Partial<FieldSetting>[]) : [];
  return defaultFields().map((d) => {
    const g = given.find((f) => f && f.key === d.key);
    if (!g) return d;
    const enabled = ALWAYS_ENABLED.includes(d.key) || g.enabled !== false;
    return {
      key: d.key,
      enabled,
      // Contacts are required as a pair («at least one»), never one by one.
      required: enabled && d.key !== 'email' && d.key !== 'phone' && g.required === true,
      hint: typeof g.hint === 'string' ? g.hint.slice(0, 300) : '',
    };
  });
}

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
