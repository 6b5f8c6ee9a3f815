import { untrack } from 'svelte';
import { invalidateAll } from '$app/navigation';
import { navigating } from '$app/state';
import type { RealtimeConnection, RealtimeEvent } from '$lib/realtime.svelte';

export type { RealtimeEvent };

export interface RefreshOptions {
  /** Wait this long for more events before reloading (0: reload at once). */
  debounceMs?: number;
  /** Reload only while this holds (read reactively): an event that came meanwhile reloads then. */
  when?: () => boolean;
  /** After the reload finished. */
  done?: () => void;
}

/**
 * Reloads the page's data on the realtime events it shows, and always on `resync` (the
 * connection came back and events may have been missed). Events the page does not show leave a
 * pending reload alone; one arriving while the operator is leaving the page is not acted on
 * (reloading then would cancel that navigation).
 */
export function refreshOn(
  realtime: RealtimeConnection,
  match: (event: RealtimeEvent) => boolean,
  { debounceMs = 0, when = () => true, done }: RefreshOptions = {},
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let missed = false;
  const reload = () => {
    timer = undefined;
    if (!navigating.to) void invalidateAll().then(() => done?.());
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };
  $effect(() => {
    const off = realtime.onEvent((event) => {
      if (event.name !== 'resync' && !match(event)) return;
      if (navigating.to) return;
      if (untrack(when)) schedule();
      else missed = true;
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  });
  $effect(() => {
    if (!when() || !missed) return;
    missed = false;
    schedule();
  });
}
