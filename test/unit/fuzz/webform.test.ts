import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultFields,
  FIELD_KEYS,
  normalizeFields,
} from '../../../src/lib/domain/webforms/fields';
import { validateSubmission, type Limits } from '../../../src/lib/domain/webforms/validate';
import { translator } from '../../../src/lib/i18n/messages';

const LIMITS: Limits = {
  textMax: 10_000,
  fileMaxBytes: 10 * 1048576,
  filesMax: 5,
  fileTypes: ['pdf', 'jpg', 'png', 'docx'],
};

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom('', ' ', '\u0000', '<script>alert(1)</script>', 'a@b', '+7 (912) 345-67-89'),
  fc.constantFrom(0, 1, 9_999, 10_000, 10_001, 30_000).map((n) => 'ж'.repeat(n)),
);

const values = fc.record(
  Object.fromEntries(
    [...FIELD_KEYS, 'processId'].map((k) => [k, fc.option(anyText, { nil: undefined })]),
  ),
) as fc.Arbitrary<Record<string, string | undefined>>;

const files = fc.array(
  fc.record({
    name: anyText,
    size: fc.oneof(
      fc.nat(),
      fc.constant(Number.MAX_SAFE_INTEGER),
      fc.constant(-1),
      fc.constant(NaN),
    ),
  }),
  { maxLength: 8 },
);

/** Field settings as an admin form or a stale database row might hold them, cleaned as stored. */
const fields = fc.oneof(
  fc.constant(defaultFields()),
  fc.anything().map((raw) => normalizeFields(raw)),
  fc
    .array(
      fc.record({
        key: fc.constantFrom(...FIELD_KEYS),
        enabled: fc.boolean(),
        required: fc.boolean(),
        hint: fc.string(),
      }),
    )
    .map((raw) => normalizeFields(raw)),
);

const ru = translator('ru');

describe('web-form validation under random input (fast-check)', { timeout: 60_000 }, () => {
  it('never throws; every problem is a known message in Russian', () => {
    fc.assert(
      fc.property(
        fields,
        values,
        fc.boolean(),
        files,
        fc.array(fc.nat({ max: 50 })),
        (f, v, consent, fl, ids) => {
          const errors = validateSubmission(f, v, consent, fl, LIMITS, ids);
          for (const [field, key] of Object.entries(errors)) {
            expect(key, field).toMatch(/^webform\.error\./);
            const text = ru(key as 'webform.error.required');
            expect(text, key).not.toBe(key);
            expect(text).toMatch(/[А-Яа-яЁё]/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an accepted submission has text within the limit, a contact, consent, and allowed files', () => {
    fc.assert(
      fc.property(fields, values, fc.boolean(), files, (f, v, consent, fl) => {
        const errors = validateSubmission(f, v, consent, fl, LIMITS, []);
        if (Object.keys(errors).length) return;
        const text = (v.text ?? '').trim();
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(LIMITS.textMax);
        expect((v.email ?? '').trim() || (v.phone ?? '').trim()).toBeTruthy();
        expect(consent).toBe(true);
        expect(fl.length).toBeLessThanOrEqual(LIMITS.filesMax);
        for (const file of fl) expect(file.size).toBeLessThanOrEqual(LIMITS.fileMaxBytes);
      }),
      { numRuns: 200 },
    );
  });
});
