/** Timings of outbound e-mail. */
export const DELIVERY = {
  /**
   * How long a worker owns a row it took. A row still «sending» after that was left by a dead
   * process. Longer than the worst SMTP session allowed below plus the Sent-folder copy.
   */
  leaseMs: 10 * 60_000,
  /** Whole SMTP session, message included; past it the connection is dropped. */
  sendDeadlineMs: 4 * 60_000,
  /** How long after a lost answer the Sent folder is searched, for providers that file late. */
  recheckMs: 5 * 60_000,
  /** RFC 5321 §4.5.4.1: the give-up time generally needs to be at least 4–5 days. */
  giveUpMs: 5 * 86_400_000,
  smtp: { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
  /** Poll interval of the background loop; new replies wake it at once. */
  intervalMs: 30_000,
  batch: 20,
} as const;

/**
 * Why an attempt did not go out. temporary: retried later; permanent: never retried;
 * uncertain: the whole message went and the server's answer was lost, so it may be out.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'temporary' | 'permanent' | 'uncertain',
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
