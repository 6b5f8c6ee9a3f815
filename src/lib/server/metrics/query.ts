import { periodOf, mskDay, type Period } from '../../domain/metrics/period';
import { DIMENSIONS, type Dimension, type SliceFilter } from './rollup.queries';

export interface MetricsQuery {
  preset: string;
  period: Period;
  dimension: Dimension;
  filter: SliceFilter;
}

const id = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n >= 0 ? n : null;
};

/** The metrics page's address: ?preset=7|30|90|custom&from&to&dim&tp&process&unit&operator&channel. */
export function parseMetricsQuery(params: URLSearchParams, now: Date): MetricsQuery {
  const today = mskDay(now.getTime());
  const preset = params.get('preset') ?? '30';
  const period =
    preset === 'custom'
      ? periodOf({ from: params.get('from'), to: params.get('to') }, today)
      : periodOf({ preset }, today);
  const dim = params.get('dim') ?? 'touchpoint';
  return {
    preset: ['7', '30', '90', 'custom'].includes(preset) ? preset : '30',
    period,
    dimension: (DIMENSIONS as readonly string[]).includes(dim) ? (dim as Dimension) : 'touchpoint',
    filter: {
      touchpointId: id(params.get('tp')),
      processId: id(params.get('process')),
      unitId: id(params.get('unit')),
      operatorId: id(params.get('operator')),
      channel: params.get('channel') || null,
    },
  };
}
