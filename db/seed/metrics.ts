import type { ServiceContext } from '../../src/lib/server/context';
import { rollupMetrics } from '../../src/lib/server/metrics/rollup.service';

/**
 * Issue 12: the demo agency's figures. Rolls every seeded day up, so the registry and the metrics
 * page show figures from the first start; running it again replaces the same days, adding nothing.
 */
export async function seedMetrics(ctx: ServiceContext): Promise<void> {
  await rollupMetrics(ctx, { full: true });
}
