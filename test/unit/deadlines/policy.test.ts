import { describe, expect, it } from 'vitest';
import { pickPolicy, type Policy } from '../../../src/lib/domain/deadlines';
import { messageKindFor } from '../../../src/lib/domain/deadlines/policy';

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

describe('message kinds select the policy (seed 001 §3.2.3, 8-FZ art. 18 p. 4)', () => {
  const all = [
    policy(1, {}),
    policy(2, { channel: 'social' }),
    policy(3, { channel: 'social', messageKind: 'mention' }),
    policy(4, { processId: 9 }),
    policy(5, { processId: 9, messageKind: 'oral' }),
    policy(6, { touchpointId: 12 }),
  ];
  const facts = (over: Partial<Parameters<typeof pickPolicy>[1]>) => ({
    channel: 'social',
    touchpointId: 1,
    processId: null,
    segment: null,
    messageKind: null,
    ...over,
  });
  it.each([
    ['an official appeal on the social page', facts({ messageKind: 'appeal' }), 2],
    ['a comment on a post', facts({ messageKind: 'comment' }), 2],
    ['a mention of the agency', facts({ messageKind: 'mention' }), 3],
    [
      'a mention in a chat without a social policy',
      facts({ channel: 'messenger', messageKind: 'mention' }),
      1,
    ],
    ['an 8-FZ request in writing', facts({ channel: 'post', processId: 9 }), 4],
    [
      'an 8-FZ request made orally',
      facts({ channel: 'in_person', processId: 9, messageKind: 'oral' }),
      5,
    ],
    [
      'a touchpoint policy still beats channel and kind',
      facts({ touchpointId: 12, messageKind: 'mention' }),
      6,
    ],
  ] as const)('%s → policy %#', (_name, f, id) => {
    expect(pickPolicy(all, f)?.id).toBe(id);
  });

  it.each([
    ['social', null, false, 'appeal'],
    ['social', 'mention', false, 'mention'],
    ['messenger', 'comment', false, 'comment'],
    ['social', 'oral', false, 'appeal'],
    ['in_person', null, false, 'oral'],
    ['phone', null, false, 'oral'],
    ['post', null, true, 'oral'],
    ['email', 'mention', false, null],
  ] as const)('channel %s, chosen %s, call %s → %s', (channel, given, oral, kind) => {
    expect(messageKindFor(channel, given, oral)).toBe(kind);
  });
});
