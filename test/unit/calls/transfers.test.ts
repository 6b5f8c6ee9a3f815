import { describe, expect, it } from 'vitest';
import {
  MAX_TRANSFERS,
  nextTransfer,
  renumberTransfers,
} from '../../../src/lib/domain/calls/transfers';

describe('the two-transfer rule (seed 001 §3.2.5, seed 003 §2.7.2)', () => {
  it('allows two transfers freely; the third and later need a reason and are breaches', () => {
    expect(MAX_TRANSFERS).toBe(2);
    expect([0, 1, 2, 3].map(nextTransfer)).toEqual([
      { seq: 1, breach: false, reasonRequired: false },
      { seq: 2, breach: false, reasonRequired: false },
      { seq: 3, breach: true, reasonRequired: true },
      { seq: 4, breach: true, reasonRequired: true },
    ]);
  });

  it('numbers transfers by when they happened, not by when they were reported', () => {
    const reported = [
      { id: 1, at: '2026-03-02T09:03:00.000Z', seq: 1, breach: 0 },
      { id: 2, at: '2026-03-02T09:01:00.000Z', seq: 2, breach: 0 },
      { id: 3, at: '2026-03-02T09:02:00.000Z', seq: 3, breach: 1 },
      { id: 4, at: '2026-03-02T09:02:00.000Z', seq: 4, breach: 1 },
    ];
    expect(renumberTransfers(reported).map((t) => [t.id, t.seq, t.breach])).toEqual([
      [2, 1, false],
      [3, 2, false],
      [4, 3, true],
      [1, 4, true],
    ]);
  });
});
