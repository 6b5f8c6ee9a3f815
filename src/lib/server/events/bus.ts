import { singleton } from '../singleton';
import type { AppEvent } from './events';

export type Listener = (event: AppEvent) => void;

export class EventBus {
  private listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: AppEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        console.error(`[events] listener failed for ${event.name}:`, err);
      }
    }
  }
}

export function appBus(): EventBus {
  return singleton('bus', () => new EventBus());
}
