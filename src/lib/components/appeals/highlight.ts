import type { Finding } from '$lib/domain/style';

export interface Segment {
  text: string;
  category: string | null;
  severity: string | null;
}

const RANK: Record<string, number> = { block: 0, warn: 1, info: 2 };

/** Splits the text into plain and marked runs; where findings overlap the more severe one wins. */
export function highlightSegments(text: string, findings: readonly Finding[]): Segment[] {
  const spans = findings
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  const out: Segment[] = [];
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start), category: null, severity: null });
    out.push({ text: text.slice(f.start, f.end), category: f.category, severity: f.severity });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), category: null, severity: null });
  return out;
}
