export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Words with the spaces and line breaks after them, so joining the parts gives the text back. */
function pieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

const LIMIT = 4_000;

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
  return parts;
}
