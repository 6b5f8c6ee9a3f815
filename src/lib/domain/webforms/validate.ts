import type { FieldKey, FieldSetting } from './fields';

export interface Limits {
  textMax: number;
  fileMaxBytes: number;
  filesMax: number;
  /** Lower-case extensions without the dot. */
  fileTypes: readonly string[];
}

export interface FileInfo {
  name: string;
  size: number;
}

export type Values = Partial<Record<FieldKey | 'processId', string>>;

/** Field name → i18n key of the problem; `form` holds a problem of the whole form. */
export type Errors = Partial<Record<FieldKey | 'consent' | 'processId' | 'form', string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 100;
const SUBJECT_MAX = 200;

export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '');
}

export function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,8})$/i.exec(name.trim());
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Checks one submission against the form's settings (seed 000 §3.4: every field says what is
 * wrong; seed 001 §3.2.4: consent to personal-data processing is required; the issue: at least
 * one contact). Pure, so the browser shows the same messages before sending.
 */
export function validateSubmission(
  fields: readonly FieldSetting[],
  values: Values,
  consent: boolean,
  files: readonly FileInfo[],
  limits: Limits,
  processIds: readonly number[] = [],
): Errors {
  const errors: Errors = {};
  const on = (key: FieldKey) => fields.find((f) => f.key === key && f.enabled);
  const val = (key: FieldKey) => (values[key] ?? '').trim();
  for (const f of fields) {
    if (!f.enabled || f.key === 'attachments') continue;
    if (f.required && !val(f.key)) errors[f.key] = 'webform.error.required';
  }
  for (const key of ['surname', 'firstName', 'patronymic'] as const) {
    if (on(key) && val(key).length > NAME_MAX) errors[key] = 'webform.error.tooLong';
  }
  if (on('subject') && val('subject').length > SUBJECT_MAX) {
    errors.subject = 'webform.error.tooLong';
  }
  const text = val('text');
  if (!text) errors.text = 'webform.error.required';
  else if (text.length > limits.textMax) errors.text = 'webform.error.textTooLong';

  const email = val('email');
  const phone = val('phone');
  if (email && !EMAIL.test(email)) errors.email = 'webform.error.email';
  if (phone && (phoneDigits(phone).length < 10 || phoneDigits(phone).length > 15)) {
    errors.phone = 'webform.error.phone';
  }
  if (!email && !phone) {
    errors.email = 'webform.error.contact';
    errors.phone = 'webform.error.contact';
  }
  if (!consent) errors.consent = 'webform.error.consent';

  const processId = values.processId ? Number(values.processId) : null;
  if (processId != null && !processIds.includes(processId)) {
    errors.processId = 'webform.error.process';
  }

  if (files.length) {
    if (!on('attachments') || files.length > limits.filesMax) {
      errors.attachments = 'webform.error.tooManyFiles';
    } else if (files.some((f) => f.size > limits.fileMaxBytes)) {
      errors.attachments = 'webform.error.fileTooLarge';
    } else if (files.some((f) => !limits.fileTypes.includes(extensionOf(f.name)))) {
      errors.attachments = 'webform.error.fileType';
    }
  }
  return errors;
}

export function hasErrors(errors: Errors): boolean {
  return Object.keys(errors).length > 0;
}
