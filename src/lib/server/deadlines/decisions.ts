import type { Decision } from '../../domain/deadlines/view';

export type { Decision };

export function parseDecisions(json: string): Decision[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Decision[]) : [];
  } catch {
    return [];
  }
}
