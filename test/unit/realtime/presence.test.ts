import { describe, expect, it } from 'vitest';
import {
  RELOAD_GRACE_MS,
  STALE_MS,
  isTyping,
  statusOf,
  type PresenceRow,
} from '../../../src/lib/domain/presence';

const now = Date.parse('2026-11-26T10:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const tab = (over: Partial<PresenceRow> = {}): PresenceRow => ({
  state: 'online',
  seenAt: ago(1000),
  goneAt: null,
  typingAt: null,
  ...over,
});

describe('presence status', () => {
  it('is offline with no tabs', () => {
    expect(statusOf([], now)).toBe('offline');
  });

  it('is online when any tab is in use, even if another is idle', () => {
    expect(statusOf([tab({ state: 'away' }), tab()], now)).toBe('online');
  });

  it('is away when every live tab is idle', () => {
    expect(statusOf([tab({ state: 'away' }), tab({ state: 'away' })], now)).toBe('away');
  });

  it('survives a page reload: a tab closed a moment ago still counts', () => {
    expect(statusOf([tab({ goneAt: ago(2000) })], now)).toBe('online');
    expect(statusOf([tab({ goneAt: ago(RELOAD_GRACE_MS + 1) })], now)).toBe('offline');
  });

  it('ignores tabs of a node that stopped refreshing them', () => {
    expect(statusOf([tab({ seenAt: ago(STALE_MS + 1) })], now)).toBe('offline');
  });

  it('shows typing for a few seconds after the last keystroke notice', () => {
    expect(isTyping(tab({ typingAt: ago(2000) }), now)).toBe(true);
    expect(isTyping(tab({ typingAt: ago(60_000) }), now)).toBe(false);
    expect(isTyping(tab(), now)).toBe(false);
  });
});
