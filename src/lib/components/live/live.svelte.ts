import { invalidateAll } from '$app/navigation';
import type { RealtimeConnection } from '$lib/realtime.svelte';

import { refreshOn } from './refresh.svelte';

/** What moves the supervisor's board. */
const MOVES = /^(appeal\.|interaction\.|call\.|deadline\.|presence\.)/;

/**
 * Keeps a live page current: reloads its data (debounced) on any event that moves it, and
 * every `pollSeconds` in case the connection is down; `now` ticks each second for ages.
 */
export function liveBoard(realtime: RealtimeConnection, pollSeconds = 60) {
  const clock = $state({ now: Date.now() });
  $effect(() => {
    const tick = setInterval(() => (clock.now = Date.now()), 1000);
    const poll = setInterval(() => invalidateAll(), pollSeconds * 1000);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  });
  refreshOn(realtime, (event) => MOVES.test(event.name), { debounceMs: 250 });
  return clock;
}
