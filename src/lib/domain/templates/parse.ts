import { isVariable, VARIABLES, type VariableName } from './variables';

export interface VariableUse {
  name: VariableName;
  /** Offsets of the whole `{{…}}` in the body. */
  start: number;
  end: number;
}

export interface VariableProblem {
  code: 'unknown' | 'empty' | 'unclosed' | 'unopened';
  /** What was written between the braces, for `unknown`. */
  name?: string;
  start: number;
  end: number;
  /** The offending text, cut short. */
  text: string;
  /** The known variable closest to a misspelt one. */
  suggestion?: VariableName;
}

export interface ParsedBody {
  uses: VariableUse[];
  problems: VariableProblem[];
}

const BRACES = /\{\{([^{}\n]*)\}\}/g;

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function closest(name: string): VariableName | undefined {
  const lower = name.toLowerCase();
  const started = VARIABLES.find((v) => lower.includes('.') && v.toLowerCase().startsWith(lower));
  if (started) return started;
  let best: VariableName | undefined;
  let bestDistance = Infinity;
  for (const v of VARIABLES) {
    const d = distance(lower, v.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [v, d];
  }
  return bestDistance <= Math.max(3, Math.floor(name.length / 3)) ? best : undefined;
}

/** Finds `{{name}}` in a body; anything that is not a known variable is a problem, with its place. */
export function parseBody(body: string): ParsedBody {
  const uses: VariableUse[] = [];
  const problems: VariableProblem[] = [];
  let rest = '';
  let last = 0;
  for (const m of body.matchAll(BRACES)) {
    const start = m.index;
    const end = start + m[0].length;
    rest += body.slice(last, start) + ' '.repeat(m[0].length);
    last = end;
    const name = m[1]!.trim();
    const text = m[0].slice(0, 60);
    if (!name) problems.push({ code: 'empty', start, end, text });
    else if (isVariable(name)) uses.push({ name, start, end });
    else problems.push({ code: 'unknown', name, start, end, text, suggestion: closest(name) });
  }
  rest += body.slice(last);
  // Braces left once the well-formed variables are blanked out are broken ones.
  for (const m of rest.matchAll(/\{\{|\}\}/g)) {
    const code = m[0] === '{{' ? 'unclosed' : 'unopened';
    const lineEnd = body.indexOf('\n', m.index);
    const end = code === 'unclosed' ? (lineEnd < 0 ? body.length : lineEnd) : m.index + 2;
    problems.push({
      code,
      start: m.index,
      end,
      text: body.slice(m.index, Math.min(end, m.index + 60)),
    });
  }
  problems.sort((a, b) => a.start - b.start);
  return { uses, problems };
}
