import type { RawAnswers } from '../../domain/surveys/questionnaire';

/** Every text field of a posted survey form, grouped by name (checkboxes send several). */
export function rawAnswers(form: FormData): RawAnswers {
  const raw: RawAnswers = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || name === 'lang') continue;
    (raw[name] ??= []).push(value);
  }
  return raw;
}
