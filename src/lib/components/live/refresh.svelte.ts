import { untrack } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import type { RealtimeConnection } from '$lib/realtime.svelte';

export type RealtimeEvent = NonNullable<RealtimeConnection['lastEvent']>;

export interface RefreshOptions {
  /** Wait this long for more events before reloading (0: reload at once). */
  debounceMs?: number;
  /** Reload only while this holds (read reactively). */
  when?: () => boolean;
  /** After the reload finished. */
  done?: () => void;
}

/**
 * Reloads the page's data on the realtime events it shows, and always on `resync` (the
 * connection came back and events may have been missed). The event already there when the
 * page opened is not acted on, nor one arriving while the operator is leaving the page
 * (reloading then would cancel that navigation).
 */
export function refreshOn(
  realtime: RealtimeConnection,
  match: (event: RealtimeEvent) => boolean,
  { debounceMs = 0, when = () => true, done }: RefreshOptions = {},
): void {
  const seen = untrack(() => realtime.lastEvent);
  $effect(() => {
    const event = realtime.lastEvent;
    if (!event || event === seen || !when()) return;
    if (untrack(() => navigating.to)) return;
    if (event.name !== 'resync' && !match(event)) return;
    const reload = () => invalidateAll().then(() => done?.());
    if (!debounceMs) {
      void reload();
      return;
    }
    const timer = setTimeout(reload, debounceMs);
    return () => clearTimeout(timer);
  });
}
