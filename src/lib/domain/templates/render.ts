import { parseBody } from './parse';
import { MISSING_PLACEHOLDER, type VariableName, type VariableValues } from './variables';

export interface RenderedSpan {
  name: VariableName;
  /** Where the `{{…}}` was in the body. */
  bodyStart: number;
  bodyEnd: number;
  /** Where its value is in the rendered text. */
  start: number;
  end: number;
}

export interface Rendered {
  text: string;
  spans: RenderedSpan[];
  /** Variables the appeal has no value for: the text holds a visible placeholder there. */
  missing: VariableName[];
}

/** Puts the values in; a body with unknown variables is never rendered (save refuses it first). */
export function renderBody(body: string, values: VariableValues): Rendered {
  const { uses } = parseBody(body);
  const spans: RenderedSpan[] = [];
  const missing = new Set<VariableName>();
  let text = '';
  let last = 0;
  for (const use of uses) {
    text += body.slice(last, use.start);
    const raw = values[use.name];
    let value = raw?.trim() ? raw.trim() : MISSING_PLACEHOLDER[use.name];
    // «до 10 апреля 2026 г.» at the end of a sentence: one full stop, not two.
    if (value.endsWith('.') && body[use.end] === '.') value = value.slice(0, -1);
    if (!raw?.trim()) missing.add(use.name);
    spans.push({
      name: use.name,
      bodyStart: use.start,
      bodyEnd: use.end,
      start: text.length,
      end: text.length + value.length,
    });
    text += value;
    last = use.end;
  }
  text += body.slice(last);
  return { text, spans, missing: [...missing] };
}

/**
 * Maps a range of the rendered text back to the body, so a finding in a filled-in value points
 * at its variable and a finding in the editor's own words at those words.
 */
export function toBodyRange(
  spans: readonly RenderedSpan[],
  start: number,
  end: number,
): { start: number; end: number } {
  const at = (pos: number, side: 'start' | 'end'): number => {
    let shift = 0;
    for (const s of spans) {
      if (pos < s.start || (side === 'end' && pos === s.start)) break;
      if (pos < s.end || (side === 'end' && pos === s.end)) {
        return side === 'start' ? s.bodyStart : s.bodyEnd;
      }
      shift += s.bodyEnd - s.bodyStart - (s.end - s.start);
    }
    return pos + shift;
  };
  const from = at(start, 'start');
  return { start: from, end: Math.max(from, at(end, 'end')) };
}
