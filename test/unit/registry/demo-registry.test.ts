import { describe, expect, it } from 'vitest';
import registry from '../../../db/seed/registry.json';
import type { DemoRegistry } from '../../../db/seed/registry.types';
import { DEMO_UNITS } from '../../../db/seed/units';
import { groupByArea } from '../../../src/lib/domain/registry/group';
import { issueText } from '../../../src/lib/domain/registry/messages';
import { normalizeEntry, validateRegistry } from '../../../src/lib/domain/registry/rules';

const demo = registry as DemoRegistry;
const entries = demo.entries;

describe('the demo registry (db/seed/registry.json)', () => {
  it('passes every registry rule without a warning', () => {
    const { ok, issues } = validateRegistry(entries);
    expect(issues.map((i) => `${(i.index ?? -1) + 1}: ${issueText(i)}`)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is stored already normalized', () => {
    for (const e of entries) expect(normalizeEntry(e)).toEqual(e);
  });

  it('has at least 40 rows over at least 6 areas, both client kinds and both modes', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(entries.map((e) => e.area)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(entries.map((e) => e.processClientKind))).toEqual(
      new Set(['external', 'internal']),
    );
    expect(new Set(entries.map((e) => e.mode))).toEqual(new Set(['online', 'offline']));
  });

  it('covers the live channels and the needs of seed 000 §4.9', () => {
    const channels = new Set(entries.map((e) => e.channel));
    for (const c of [
      'email',
      'webform',
      'phone',
      'portal',
      'social',
      'in_person',
      'post',
      'edms',
    ]) {
      expect(channels.has(c as never), c).toBe(true);
    }
    const needs = new Set(entries.flatMap((e) => e.needs));
    expect(needs.size).toBe(9);
  });

  it('owns every process by a unit of the demo agency', () => {
    const units = new Set(DEMO_UNITS.map((u) => u.name));
    for (const e of entries) expect(units.has(e.unit ?? ''), e.process).toBe(true);
    expect(new Set(entries.map((e) => e.unit)).size).toBe(DEMO_UNITS.length);
  });

  it('lists every area in order with its client kind, every one in use', () => {
    expect(demo.areas.map((a) => a.position)).toEqual(demo.areas.map((_, i) => i + 1));
    const groups = groupByArea(
      entries,
      demo.areas.map((a) => a.name),
    );
    expect(groups.map((g) => [g.area, g.clientKind])).toEqual(
      demo.areas.map((a) => [a.name, a.clientKind]),
    );
  });

  it('describes each touchpoint once, as the rows use it', () => {
    const byName = new Map(demo.touchpoints.map((t) => [t.name, t]));
    expect(byName.size).toBe(demo.touchpoints.length);
    for (const e of entries) {
      expect(byName.get(e.touchpoint), e.touchpoint).toMatchObject({
        mode: e.mode,
        channel: e.channel,
        address: e.address,
      });
    }
    expect(new Set(entries.map((e) => e.touchpoint)).size).toBe(demo.touchpoints.length);
  });

  it('uses only the otklik.example domain for the agency’s own mail and sites', () => {
    const addresses = demo.touchpoints.map((t) => t.address ?? '');
    for (const a of addresses.filter((x) => x.includes('@')))
      expect(a).toMatch(/@otklik\.example$/);
    for (const a of addresses.filter((x) => x.startsWith('http'))) {
      expect(a).toMatch(
        /^https:\/\/([a-z]+\.)?(otklik\.example|gosuslugi\.ru|gossluzhba\.gov\.ru|promote\.budget\.gov\.ru)/,
      );
    }
  });
});
