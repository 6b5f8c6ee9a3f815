import { invalidateAll } from '$app/navigation';
import type { RealtimeConnection } from '$lib/realtime.svelte';

/** What moves the supervisor's board. */
const MOVES = /^(appeal\.|interaction\.|call\.|deadline\.|presence\.|resync$)/;

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
  $effect(() => {
    const event = realtime.lastEvent;
    if (!event || !MOVES.test(event.name)) return;
    const timer = setTimeout(() => invalidateAll(), 250);
    return () => clearTimeout(timer);
  });
  return clock;
}
