import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/lib/domain/calendar/dates';
import { diffText } from '../../../src/lib/domain/templates/diff';
import {
  freshness,
  moscowToday,
  nextReviewDate,
} from '../../../src/lib/domain/templates/freshness';
import {
  allowedTransitions,
  canApply,
  publishChecks,
} from '../../../src/lib/domain/templates/lifecycle';
import { rankTemplates } from '../../../src/lib/domain/templates/search';

describe('lifecycle: draft → review → published (issue 9)', () => {
  it('moves step by step; publishing needs review first', () => {
    expect(allowedTransitions({ status: 'draft', pending: null })).toEqual(['submit', 'archive']);
    expect(allowedTransitions({ status: 'review', pending: null })).toEqual([
      'return',
      'publish',
      'archive',
    ]);
    expect(allowedTransitions({ status: 'published', pending: null })).toEqual(['archive']);
    expect(allowedTransitions({ status: 'archived', pending: null })).toEqual(['restore']);
  });

  it('a published template with a newer version moves that version, and can still be archived', () => {
    expect(allowedTransitions({ status: 'published', pending: 'draft' })).toEqual([
      'submit',
      'archive',
    ]);
    expect(canApply({ status: 'published', pending: 'review' }, 'publish')).toBe(true);
  });

  it('replies pass both checks, scripts the fragment one, guidance none', () => {
    expect(publishChecks('reply')).toEqual({ fragment: true, whole: true });
    expect(publishChecks('script')).toEqual({ fragment: true, whole: false });
    expect(publishChecks('guide')).toEqual({ fragment: false, whole: false });
  });
});

describe('freshness (seed 000 §3.4 з: «своевременно актуализироваться»)', () => {
  const today = '2026-03-02';
  it('is stale past the date, due within two weeks, unset without a date', () => {
    expect(freshness('2026-03-01', today)).toBe('stale');
    expect(freshness(today, today)).toBe('due');
    expect(freshness('2026-03-16', today)).toBe('due');
    expect(freshness('2026-03-17', today)).toBe('current');
    expect(freshness(null, today)).toBe('unset');
  });

  it('takes today on Moscow time and the next review half a year on', () => {
    expect(moscowToday(new Date('2026-03-01T21:30:00Z'))).toBe('2026-03-02');
    expect(nextReviewDate(today)).toBe(addDays(today, 182));
  });
});

describe('version diff', () => {
  it('joins back into either version', () => {
    const a = 'Мы ответим в срок.\n\nОцените наш ответ.';
    const b = 'Мы ответим не позже чем через 30 дней.\n\nОцените, пожалуйста, наш ответ.';
    const parts = diffText(a, b);
    const join = (kinds: string[]) =>
      parts
        .filter((p) => kinds.includes(p.kind))
        .map((p) => p.text)
        .join('');
    expect(join(['same', 'removed'])).toBe(a);
    expect(join(['same', 'added'])).toBe(b);
    expect(parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text])).toEqual([
      ['removed', 'в срок.\n\nОцените'],
      ['added', 'не позже чем через 30 дней.\n\nОцените, пожалуйста,'],
    ]);
  });

  it('identical texts are one unchanged part', () => {
    expect(diffText('Текст', 'Текст')).toEqual([{ kind: 'same', text: 'Текст' }]);
  });
});

describe('picker ranking', () => {
  const t = (id: number, title: string, over: Record<string, unknown> = {}) => ({
    id,
    title,
    body: '',
    tags: [],
    processIds: [],
    touchpointIds: [],
    channels: [],
    ...over,
  });
  it('matches word forms in title, body and tags; touchpoint, then process, then channel first', () => {
    const items = [
      t(1, 'Зачисление в школу'),
      t(2, 'Школьное питание', { body: 'О зачислении не пишем', processIds: [5] }),
      t(3, 'Лагерь', { tags: ['зачисление'], touchpointIds: [9] }),
      t(4, 'Олимпиада', { channels: ['email'] }),
      t(5, 'Апостиль'),
    ];
    expect(
      rankTemplates(items, 'зачислением', { touchpointId: 9, processId: 5 }).map((i) => i.id),
    ).toEqual([3, 2, 1]);
    expect(rankTemplates(items, '', { channel: 'email' })[0]!.id).toBe(4);
    expect(rankTemplates(items, 'зачисл школ').map((i) => i.id)).toEqual([1, 2]);
  });
});
