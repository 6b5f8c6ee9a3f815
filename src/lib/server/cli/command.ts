/** What a CLI command sees of the outside world; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Resolves when stdout can take more; long outputs await it so memory stays flat. */
  drain?(): Promise<void>;
}

/** Exit codes shared by every command: 0 ok, 1 invalid data / findings, 2 bad usage. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

export class UsageError extends Error {}

export interface CliCommand {
  /** Words that select the command, e.g. ['style', 'check']. */
  path: string[];
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}
