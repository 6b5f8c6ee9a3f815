/** Timings of outbound e-mail. */
export const DELIVERY = {
  /**
   * How long a worker owns a row it took. A row still «sending» after that was left by a dead
   * process. Longer than the worst SMTP session allowed below plus the Sent-folder copy.
   */
  leaseMs: 10 * 60_000,
  /** Whole SMTP session, message included; past it the attempt counts as failed. */
  sendDeadlineMs: 4 * 60_000,
  /** RFC 5321 §4.5.4.1: the give-up time generally needs to be at least 4–5 days. */
  giveUpMs: 5 * 86_400_000,
  smtp: { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
  imap: { connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 60_000 },
  /** Poll interval of the background loop; new replies wake it at once. */
  intervalMs: 30_000,
  batch: 20,
} as const;

/** Why an attempt did not go out; `permanent` ones are never retried. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
