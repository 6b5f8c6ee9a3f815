import { CATEGORY_LABELS } from '../../domain/style/categories';
import type { CheckResult, Finding } from '../../domain/style/types';

const SEVERITY_LABELS = { block: 'блокирует', warn: 'замечание', info: 'заметка' } as const;
const WINDOW = 50;

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The line around a finding with the offending text underlined by carets. */
function excerpt(text: string, f: Finding): string[] {
  const lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  const nextBreak = text.indexOf('\n', f.start);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const from = Math.max(lineStart, f.start - WINDOW);
  const to = Math.min(lineEnd, Math.max(f.end, f.start + 1) + WINDOW);
  const lead = from > lineStart ? '…' : '';
  const shown = `${lead}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
  if (!shown.trim()) return [];
  const width = Math.max(1, Math.min(f.end, to) - f.start);
  return [`    ${shown}`, `    ${' '.repeat(lead.length + f.start - from)}${'^'.repeat(width)}`];
}

export function formatReport(file: string, text: string, result: CheckResult): string {
  const counts = { block: 0, warn: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const lines = [
    `${file}: оценка ${result.score.toFixed(1)} из 10; блокирует ${counts.block}, замечаний ${counts.warn}, заметок ${counts.info}`,
  ];
  for (const f of result.findings) {
    const { line, column } = position(text, f.start);
    lines.push(
      `  ${line}:${column}  ${SEVERITY_LABELS[f.severity]}  ${CATEGORY_LABELS[f.category]} (${f.rule}): ${f.message}`,
      ...excerpt(text, f),
    );
    if (f.suggestion !== undefined) lines.push(`    → ${f.suggestion || '(удалить)'}`);
    lines.push(`    [${f.clause}]`);
  }
  return `${lines.join('\n')}\n`;
}
