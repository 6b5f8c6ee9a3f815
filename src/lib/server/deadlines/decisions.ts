/**
 * An automatic decision made on arrival, kept with its reason so the appeal can show it
 * (issue 10: every automatic decision is visible with its reason). `reason` is an i18n key
 * under `deadlines.reason.*`; `params` fill it.
 */
export interface Decision {
  kind: 'topic' | 'mood' | 'priority' | 'policy' | 'route';
  value: string | number | null;
  reason: string;
  params: Record<string, string | number>;
}

export function parseDecisions(json: string): Decision[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as Decision[]) : [];
  } catch {
    return [];
  }
}
