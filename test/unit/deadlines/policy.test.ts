import { describe, expect, it } from 'vitest';
import { pickPolicy, type Policy } from '../../../src/lib/domain/deadlines';

const policy = (id: number, over: Partial<Policy>): Policy => ({
  id,
  name: `p${id}`,
  basis: 'agency',
  channel: null,
  touchpointId: null,
  processId: null,
  segment: null,
  ack: null,
  first: null,
  answer: null,
  extensionDays: null,
  forwardDays: null,
  ...over,
});

describe('policy choice (issue 10: most specific wins)', () => {
  const all = [
    policy(1, {}),
    policy(2, { channel: 'email' }),
    policy(3, { processId: 7 }),
    policy(4, { touchpointId: 5 }),
    policy(5, { channel: 'email', segment: 'media' }),
  ];
  it.each([
    [{ channel: 'phone', touchpointId: 1, processId: null, segment: null }, 1],
    [{ channel: 'email', touchpointId: 1, processId: null, segment: 'citizen' }, 2],
    [{ channel: 'email', touchpointId: 1, processId: null, segment: 'media' }, 5],
    [{ channel: 'email', touchpointId: 1, processId: 7, segment: 'media' }, 3],
    [{ channel: 'email', touchpointId: 5, processId: 7, segment: 'media' }, 4],
  ])('%o → policy %i', (facts, id) => {
    expect(pickPolicy(all, facts)?.id).toBe(id);
  });
  it('gives none when nothing matches', () => {
    expect(
      pickPolicy([policy(1, { channel: 'post' })], {
        channel: 'email',
        touchpointId: 1,
        processId: null,
        segment: null,
      }),
    ).toBeNull();
  });
});
