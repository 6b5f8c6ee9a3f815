import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testChecker } from '../style/checker-instance';

const WORDS = [
  'Здравствуйте',
  'Мария',
  'Петровна',
  'сообщаем',
  'что',
  'ваше',
  'обращение',
  'рассмотрено',
  'в',
  'соответствии',
  'с',
  'вышеизложенным',
  'данный',
  'вопрос',
  'ДАННЫЙ',
  'т.е.',
  'и т.д.',
  '!!!',
  '...',
  '—',
  '«',
  '»',
  'https://otklik.example/s/abc',
  '\n\n',
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 200 }).map((w) => w.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.integer({ min: 1, max: 5_000 }).map((n) => 'а'.repeat(n)),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '<script>alert(1)</script>', '\u202Eобращение'),
);

describe('style checker under random text (fast-check)', { timeout: 60_000 }, () => {
  it('never throws; findings point into the text and the score stays in 0–100', async () => {
    const checker = await testChecker();
    fc.assert(
      fc.property(
        text,
        fc.boolean(),
        fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        (t, fragment, clientName) => {
          const r = checker.check(t, { fragment, clientName });
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(Number.isFinite(r.score)).toBe(true);
          for (const f of r.findings) {
            expect(f.start).toBeGreaterThanOrEqual(0);
            expect(f.end).toBeLessThanOrEqual(t.length);
            expect(f.start).toBeLessThanOrEqual(f.end);
            expect(f.text).toBe(t.slice(f.start, f.end));
            expect(f.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
