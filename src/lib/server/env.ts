import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  ORIGIN: z.string().url().optional(),
  OTKLIK_DATA: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis://')
    .optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  OTKLIK_SEED_ON_FIRST_START: z.enum(['0', '1']).default('1'),
  OTKLIK_LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  OTKLIK_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** base64 of 32 bytes; without it a key file is created in the data folder on first use. */
  OTKLIK_SECRET_KEY: z.string().optional(),
  OTKLIK_AGENCY: z.string().default('Министерство образования и науки Энской области'),
  /** 0 turns off sending the e-mail outbox from this process (another node or the CLI sends). */
  OTKLIK_DELIVERY: z.enum(['0', '1']).default('1'),
  /** Largest attachment kept from an inbound e-mail; bigger files are recorded with a notice. */
  OTKLIK_ATTACHMENT_MAX_MB: z.coerce.number().positive().default(25),
  /** At most one acknowledgement of receipt per sender within this window. */
  OTKLIK_ACK_WINDOW_HOURS: z.coerce.number().nonnegative().default(24),
  /** How often a mailbox is polled when IDLE is unavailable or silent. */
  OTKLIK_MAIL_POLL_SECONDS: z.coerce.number().positive().default(60),
  /** 0: this process reads no mailboxes (another node or `otklik ingest` does). */
  OTKLIK_INGEST: z.enum(['0', '1']).default('1'),
  /** Failed sign-ins allowed from one client address within OTKLIK_SIGNIN_WINDOW_MINUTES. */
  OTKLIK_SIGNIN_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  OTKLIK_SIGNIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Downloads of the published registry per client address per hour. */
  OTKLIK_PUBLIC_EXPORTS_PER_HOUR: z.coerce.number().int().positive().default(60),
  /** Telephony webhook calls with a missing or wrong token per client address per hour. */
  OTKLIK_TELEPHONY_AUTH_FAILURES_PER_HOUR: z.coerce.number().int().positive().default(30),
  /** 0: this process does not run the daily personal-data retention (another node does). */
  OTKLIK_PRIVACY_RETENTION: z.enum(['0', '1']).default('1'),
  /** How often deadlines are checked for warnings and breaches; 0 turns the watch off in this process. */
  OTKLIK_DEADLINE_TICK_SECONDS: z.coerce.number().nonnegative().default(60),
  /** How often the metrics are rolled up by day (also once at start); 0 turns it off in this process. */
  OTKLIK_METRICS_ROLLUP_MINUTES: z.coerce.number().nonnegative().default(15),
  /** Accepted web-form submissions per client address per hour (seed 000 §3.4: abuse protection). */
  OTKLIK_WEBFORM_RATE_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Longest text of a web-form appeal, in characters. */
  OTKLIK_WEBFORM_TEXT_MAX: z.coerce.number().int().positive().default(10000),
  /** Largest file attached to a web form, and how many files at most. */
  OTKLIK_WEBFORM_FILE_MAX_MB: z.coerce.number().positive().default(10),
  OTKLIK_WEBFORM_FILES_MAX: z.coerce.number().int().nonnegative().default(5),
  /** File name extensions a web form accepts, comma-separated. */
  OTKLIK_WEBFORM_FILE_TYPES: z
    .string()
    .default('pdf,jpg,jpeg,png,heic,doc,docx,odt,rtf,txt,xls,xlsx,ods'),
  /** Origins every web form may be embedded in, besides each form's own list (space-separated). */
  OTKLIK_WEBFORM_FRAME_ANCESTORS: z.string().default(''),
  /** Days during which a survey answer may be changed through its link (issue 12). */
  OTKLIK_SURVEY_EDIT_DAYS: z.coerce.number().positive().default(7),
  /** Longest comment or text answer of a survey, in characters. */
  OTKLIK_SURVEY_TEXT_MAX: z.coerce.number().int().positive().default(2000),
  /** Survey answers accepted from one network address per hour (kept in memory, never stored). */
  OTKLIK_SURVEY_RATE_PER_HOUR: z.coerce.number().int().positive().default(30),
});

export type Env = z.infer<typeof schema> & { dataDir: string; sqlitePath: string };

let cached: Env | undefined;

/** The only reader of process.env: parsed once, reset by tests. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable means unset, as in most .env conventions.
  const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const dataDir = path.resolve(parsed.data.OTKLIK_DATA);
  cached = { ...parsed.data, dataDir, sqlitePath: path.join(dataDir, 'otklik.sqlite') };
  return cached;
}

export function resetEnv(overrides: Record<string, string | undefined> = {}): void {
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  cached = undefined;
}

/** The environment a child process (pg_dump, pg_restore) inherits, with additions such as PGPASSWORD. */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
