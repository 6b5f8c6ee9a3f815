import { describe, expect, it } from 'vitest';
import { editableUntil, linkState, mayEdit } from '../../../src/lib/domain/surveys/edit-window';

describe('the 7-day edit window (issue 12)', () => {
  const first = new Date('2026-03-02T09:00:00.000Z');
  const until = editableUntil(first, 7);

  it('runs exactly 7 days from the first answer, across a month end', () => {
    expect(until.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    expect(editableUntil(new Date('2026-02-25T23:30:00.000Z'), 7).toISOString()).toBe(
      '2026-03-04T23:30:00.000Z',
    );
  });

  it('includes its last instant and not a millisecond more', () => {
    expect(mayEdit(new Date('2026-03-09T09:00:00.000Z'), until)).toBe(true);
    expect(mayEdit(new Date('2026-03-09T09:00:00.001Z'), until)).toBe(false);
    expect(mayEdit(first, until.toISOString())).toBe(true);
  });

  it('a link is new, editable or closed', () => {
    expect(linkState(first, null)).toBe('new');
    expect(
      linkState(new Date('2026-03-05T00:00:00Z'), { editable_until: until.toISOString() }),
    ).toBe('editable');
    expect(
      linkState(new Date('2026-03-10T00:00:00Z'), { editable_until: until.toISOString() }),
    ).toBe('closed');
  });

  it('follows the configured number of days', () => {
    expect(editableUntil(first, 1).toISOString()).toBe('2026-03-03T09:00:00.000Z');
  });
});
