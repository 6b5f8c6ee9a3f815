import type { AgencyLexicon } from './lexicon';

/** The dictionary as editors type it: one entry per line, «слово → замена», «термин ← вариант, вариант». */
export interface LexiconText {
  accepted: string;
  blocked: string;
  discouraged: string;
  preferred: string;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

function banned(text: string, severity: 'block' | 'warn') {
  return lines(text).map((line) => {
    const [term, suggestion] = line.split(/\s*(?:→|->)\s*/, 2);
    return {
      term: term!,
      severity,
      category: 'jargon' as const,
      ...(suggestion ? { suggestion } : {}),
    };
  });
}

export function parseLexiconText(t: LexiconText): Required<AgencyLexicon> {
  return {
    accepted: lines(t.accepted),
    banned: [...banned(t.blocked, 'block'), ...banned(t.discouraged, 'warn')],
    preferred: lines(t.preferred).flatMap((line) => {
      const [term, rest] = line.split(/\s*(?:←|<-)\s*/, 2);
      const instead = (rest ?? '')
        .split(/\s*[,;]\s*/)
        .map((w) => w.trim())
        .filter(Boolean);
      return term && instead.length ? [{ term, instead }] : [];
    }),
  };
}

export function formatLexiconText(l: AgencyLexicon): LexiconText {
  const ban = (severity: string) =>
    (l.banned ?? [])
      .filter((b) => (b.severity ?? 'warn') === severity)
      .map((b) => (b.suggestion ? `${b.term} → ${b.suggestion}` : b.term))
      .join('\n');
  return {
    accepted: (l.accepted ?? []).join('\n'),
    blocked: ban('block'),
    discouraged: ban('warn'),
    preferred: (l.preferred ?? []).map((p) => `${p.term} ← ${p.instead.join(', ')}`).join('\n'),
  };
}
