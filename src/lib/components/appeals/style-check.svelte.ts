import type { AgencyLexicon, CheckOptions, CheckResult } from '$lib/domain/style';

/** Checks the composer's text in a worker, latest text wins; `result` is null until the first answer. */
export class StyleCheck {
  result = $state<CheckResult | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  private worker: Worker | null = null;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private options: CheckOptions,
    private lexicon: AgencyLexicon = {},
  ) {}

  start(): void {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- the worker's module URL, not state
    this.worker = new Worker(new URL('../../workers/style.worker.ts', import.meta.url), {
      type: 'module',
    });
    this.worker.onmessage = (
      e: MessageEvent<{ id: number; result?: CheckResult; error?: string }>,
    ) => {
      if (e.data.id !== this.seq) return;
      this.busy = false;
      this.error = e.data.error ?? null;
      if (e.data.result) this.result = e.data.result;
    };
    this.worker.postMessage({ type: 'init', lexicon: $state.snapshot(this.lexicon) });
  }

  check(text: string, delayMs = 250): void {
    clearTimeout(this.timer);
    this.busy = true;
    this.timer = setTimeout(() => {
      this.seq++;
      this.worker?.postMessage({
        type: 'check',
        id: this.seq,
        text,
        options: $state.snapshot(this.options),
      });
    }, delayMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
  }
}
