// The figures of a run, as a table.
import { percentile } from '../bench/stats';
import { KINDS, type Outcome } from './http-load';

export const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return percentile(sorted, p / 100);
};
export const ms = (v: number) => (Number.isNaN(v) ? '—' : v < 10 ? v.toFixed(1) : v.toFixed(0));
export const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const width = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), width.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export interface Killed {
  name: string;
  at: number;
}

/** A failure of a request whose node was the one killed, at or after the kill. */
export const atSwitch = (o: Outcome, killed: Killed | null) =>
  !!killed && !!o.lostNode && o.lostNode.name === killed.name && o.lostNode.at >= killed.at - 50;

export function requestTable(outcomes: Outcome[], killed: Killed | null) {
  const summary = KINDS.map((kind) => {
    const of = outcomes.filter((o) => o.kind === kind);
    const ok = of.filter((o) => o.ok);
    const switchFailed = of.filter((o) => !o.ok && atSwitch(o, killed));
    const errors = of.filter((o) => !o.ok && !atSwitch(o, killed));
    const moved = of.filter((o) => o.ok && atSwitch(o, killed));
    const before = ok.filter((o) => !killed || o.end < killed.at).map((o) => o.ms);
    const after = killed ? ok.filter((o) => o.end >= killed.at).map((o) => o.ms) : [];
    const all = ok.map((o) => o.ms);
    return {
      kind,
      count: of.length,
      errors: errors.length,
      switchFailed: switchFailed.length,
      moved: moved.length,
      p50: pct(all, 50),
      p95: pct(all, 95),
      p99: pct(all, 99),
      max: pct(all, 100),
      p95before: pct(before, 95),
      p95after: pct(after, 95),
      firstErrors: [...new Set(errors.map((e) => e.detail))].slice(0, 3),
    };
  });
  const text = table(
    [
      'request',
      'count',
      'errors',
      'at switch failed',
      'moved+ok',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'p95 before kill',
      'p95 after kill',
    ],
    summary.map((s) => [
      s.kind,
      s.count,
      s.errors,
      s.switchFailed,
      s.moved,
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      ms(s.p95before),
      ms(s.p95after),
    ]),
  );
  return { summary, text };
}
