export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Words and the spaces between them as separate pieces, so joining them gives the text back. */
function pieces(text: string): string[] {
  return text.match(/\s+|\S+/g) ?? [];
}

/** Pieces per side above which paragraphs are compared instead (the table is n × m). */
const LIMIT = 2_500;

/**
 * The difference between two versions of a template, word by word (longest common subsequence).
 * Texts longer than the limit are compared paragraph by paragraph instead, to stay quick.
 */
export function diffText(before: string, after: string): DiffPart[] {
  let a = pieces(before);
  let b = pieces(after);
  if (a.length > LIMIT || b.length > LIMIT) {
    a = before.split(/(?<=\n)/);
    b = after.split(/(?<=\n)/);
  }
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] =
        midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const prev = parts.at(-1);
    if (prev?.kind === kind) prev.text += text;
    else if (text) parts.push({ kind, text });
  };
  push('same', a.slice(0, head).join(''));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i] === midB[j]) {
      push('same', midA[i]!);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      push('added', midB[j++]!);
    } else {
      push('removed', midA[i++]!);
    }
  }
  push('same', a.slice(a.length - tail).join(''));
  return tidy(parts);
}

/**
 * A space that happens to match between two changed words is folded into the change, so a
 * rewritten phrase reads as one removal and one addition rather than word confetti.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = added = '';
  };
  parts.forEach((p, i) => {
    const between =
      p.kind === 'same' &&
      !p.text.trim() &&
      (removed || added) &&
      parts[i + 1] &&
      parts[i + 1]!.kind !== 'same';
    if (p.kind === 'removed') removed += p.text;
    else if (p.kind === 'added') added += p.text;
    else if (between) {
      removed += p.text;
      added += p.text;
    } else {
      flush();
      out.push(p);
    }
  });
  flush();
  return out;
}
