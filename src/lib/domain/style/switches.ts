import type { Span } from './text/tokens';
import type { Finding } from './types';

/**
 * Inline switches, as Vale's `<!-- vale Rule = NO -->`: a template author silences rules or
 * categories for a span. `<!-- style-off jargon.colloquial, foreign -->` … `<!-- style-on -->`;
 * without names, every rule. The silenced findings are returned for the audit log.
 */
const SWITCH = /<!--\s*style-(off|on)\b\s*:?\s*([\w.,\s-]*?)\s*-->/g;

export interface SwitchRange extends Span {
  /** Offset of the opening switch, for the audit record. */
  at: number;
  /** Rule ids or categories; `*` for all. */
  target: string;
}

export function parseSwitches(text: string): { markers: Span[]; ranges: SwitchRange[] } {
  const markers: Span[] = [];
  const ranges: SwitchRange[] = [];
  const open = new Map<string, number>();
  for (const m of text.matchAll(SWITCH)) {
    markers.push({ start: m.index, end: m.index + m[0].length });
    const targets = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    if (m[1] === 'off') {
      for (const t of targets.length ? targets : ['*']) if (!open.has(t)) open.set(t, m.index);
      continue;
    }
    for (const [target, at] of [...open]) {
      if (targets.length && !targets.includes(target)) continue;
      ranges.push({ start: at, end: m.index, at, target });
      open.delete(target);
    }
  }
  for (const [target, at] of open) ranges.push({ start: at, end: text.length, at, target });
  return { markers, ranges };
}

export function switchFor(ranges: readonly SwitchRange[], f: Finding): SwitchRange | undefined {
  return ranges.find(
    (r) =>
      r.start <= f.start &&
      f.end <= r.end &&
      (r.target === '*' || r.target === f.rule || r.target === f.category),
  );
}

/** The text as it is sent: switches removed. */
export function stripSwitches(text: string): string {
  return text.replace(SWITCH, '');
}
