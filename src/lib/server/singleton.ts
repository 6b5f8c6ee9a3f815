/**
 * One instance per process, even when the SvelteKit build and the server entry
 * each load their own copy of this module (production runs both).
 */
export function singleton<T>(key: string, make: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const sym = Symbol.for(`otklik.${key}`);
  return (store[sym] ??= make());
}

export function dropSingleton(key: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`otklik.${key}`)];
}

export function singletonExists(key: string): boolean {
  return Symbol.for(`otklik.${key}`) in globalThis;
}
