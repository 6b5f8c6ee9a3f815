// The mixed HTTP load: what operators' browsers and the public web form send, at a fixed arrival
// rate (an open model: a slow answer does not slow the arrivals), through the balancer.
import { ORIGIN } from './cluster';
import { isConnectionError, type Balancer, type Target } from './balancer';

export const KINDS = ['inbox', 'inbox.html', 'view', 'view.html', 'reply', 'webform'] as const;
export type Kind = (typeof KINDS)[number];

/** Shares of the mix, in % (client-side navigation fetches __data.json; a reload gets HTML). */
const MIX: [Kind, number][] = [
  ['inbox', 28],
  ['inbox.html', 6],
  ['view', 26],
  ['view.html', 6],
  ['reply', 12],
  ['webform', 22],
];

export interface Session {
  email: string;
  cookie: string;
  /** Appeal numbers this operator's inbox pages listed. */
  numbers: string[];
  /** Appeals this operator opened, with the survey link the composer showed. */
  opened: Map<string, string>;
}

export interface Outcome {
  kind: Kind;
  ok: boolean;
  ms: number;
  /** Wall-clock end of the request. */
  end: number;
  node: string;
  /** The first attempt could not reach its node (connection refused or cut). */
  lostNode: { name: string; at: number } | null;
  retried: boolean;
  detail: string;
}

export interface Submitted {
  webforms: { id: string; ok: boolean }[];
  replies: { marker: string; number: string; ok: boolean }[];
}

const NUMBER = /"(\d{4}-\d{6})"/g;
const SURVEY = new RegExp(`${ORIGIN.replace(/[.]/g, '\\.')}/s/[\\w-]+`);
const QUEUES = ['unassigned', 'unassigned', 'mine', 'units', 'all', 'all', 'overdue', 'waiting'];
const WORDS = ['школа', 'справка', 'лицензия', 'зачисление', 'аттестат', 'компенсация'];
const BODIES = [
  'Школа не может отказать из-за временной регистрации: она даёт те же права на зачисление. Подайте заявление повторно, а при отказе попросите письменный ответ и пришлите его нам.',
  'Справку можно получить в отделе общего образования в рабочие дни с 9 до 18 часов. Возьмите с собой паспорт и свидетельство о рождении ребёнка.',
  'Мы проверили ваше обращение и передали его в отдел лицензирования. Ответ по существу вы получите в течение пяти рабочих дней.',
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

function chooseKind(): Kind {
  let r = Math.random() * 100;
  for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
  return 'inbox';
}

interface Answer {
  status: number;
  body: string;
  location: string | null;
}

async function send(target: Target, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(new URL(path, target.url), {
    ...init,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, body: await res.text(), location: res.headers.get('location') };
}

export async function signIn(target: Target, email: string, password: string): Promise<Session> {
  const res = await fetch(new URL('/login', target.url), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: ORIGIN,
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ email, password }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('otklik_session='));
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email}: HTTP ${res.status}`);
  return { email, cookie, numbers: [], opened: new Map() };
}

/** One request as the browser would make it; returns an error text, or null when it worked. */
interface Request {
  path: string;
  init?: RequestInit;
  check(a: Answer): string | null;
  release?: () => void;
}

const dataOk = (a: Answer) => {
  if (a.status !== 200) return `HTTP ${a.status}`;
  if (!a.body.startsWith('{"type":"data"')) return `data: ${a.body.slice(0, 120)}`;
  const error = a.body.indexOf('{"type":"error"');
  return error < 0 ? null : `data: ${a.body.slice(error, error + 160)}`;
};
const htmlOk = (a: Answer) => (a.status === 200 ? null : `HTTP ${a.status}`);

export class HttpLoad {
  readonly outcomes: Outcome[] = [];
  readonly submitted: Submitted = { webforms: [], replies: [] };
  inflight = 0;
  peakInflight = 0;
  private seq = 0;
  private replying = new Set<string>();

  constructor(
    private lb: Balancer,
    private sessions: Session[],
    private runId: string,
  ) {}

  private request(kind: Kind, s: Session): [Kind, Request, boolean] {
    const n = ++this.seq;
    if (
      (kind === 'reply' && !s.opened.size) ||
      ((kind === 'view' || kind === 'view.html') && !s.numbers.length)
    )
      kind = s.numbers.length ? 'view' : 'inbox';
    const headers = { cookie: s.cookie };
    switch (kind) {
      case 'inbox':
      case 'inbox.html': {
        const q = new URLSearchParams({ queue: pick(QUEUES) });
        if (Math.random() < 0.15) q.set('q', pick(WORDS));
        if (kind === 'inbox') q.set('x-sveltekit-invalidated', '011');
        const path = `/inbox${kind === 'inbox' ? '/__data.json' : ''}?${q}`;
        const remember = (a: Answer) => {
          for (const m of a.body.matchAll(NUMBER))
            if (!s.numbers.includes(m[1]!)) s.numbers.push(m[1]!);
          if (s.numbers.length > 400) s.numbers.splice(0, s.numbers.length - 400);
        };
        return [
          kind,
          {
            path,
            init: { headers: { ...headers, accept: kind === 'inbox' ? '*/*' : 'text/html' } },
            check: (a) => {
              const bad = kind === 'inbox' ? dataOk(a) : htmlOk(a);
              if (!bad) remember(a);
              return bad;
            },
          },
          true,
        ];
      }
      case 'view':
      case 'view.html': {
        const number = pick(s.numbers);
        return [
          kind,
          {
            path:
              kind === 'view'
                ? `/inbox/${number}/__data.json?x-sveltekit-invalidated=011`
                : `/inbox/${number}`,
            init: { headers: { ...headers, accept: kind === 'view' ? '*/*' : 'text/html' } },
            check: (a) => {
              const bad = kind === 'view' ? dataOk(a) : htmlOk(a);
              const link = SURVEY.exec(a.body)?.[0];
              if (!bad && link) {
                s.opened.set(number, link);
                if (s.opened.size > 50) s.opened.delete(s.opened.keys().next().value!);
              }
              return bad;
            },
          },
          true,
        ];
      }
      case 'reply': {
        // One operator answers an appeal at a time: two replies racing on one appeal are not load.
        const free = [...s.opened].filter(([number]) => !this.replying.has(number));
        if (!free.length) return this.request('view', s);
        const [number, link] = pick(free);
        this.replying.add(number);
        const marker = `№ ${this.runId}-${String(n).padStart(7, '0')}`;
        const entry = { marker, number, ok: false };
        this.submitted.replies.push(entry);
        const text = `Здравствуйте!\n\n${pick(BODIES)}\n\nОцените, пожалуйста, наш ответ: ${link}\n\nНомер ответа в проверке: ${marker}.`;
        return [
          kind,
          {
            path: `/inbox/${number}?/reply`,
            init: {
              method: 'POST',
              headers: {
                ...headers,
                origin: ORIGIN,
                accept: 'application/json',
                'x-sveltekit-action': 'true',
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({ text }),
            },
            release: () => this.replying.delete(number),
            check: (a) => {
              entry.ok = a.status === 200 && a.body.startsWith('{"type":"success"');
              return entry.ok ? null : `HTTP ${a.status} ${a.body.slice(0, 600)}`;
            },
          },
          // The browser does not send a reply twice on its own.
          false,
        ];
      }
      case 'webform': {
        const id = `lt-${this.runId}-${String(n).padStart(10, '0')}`;
        const entry = { id, ok: false };
        this.submitted.webforms.push(entry);
        return [
          kind,
          {
            path: '/f/obrashcheniya',
            init: {
              method: 'POST',
              headers: {
                origin: ORIGIN,
                accept: 'text/html',
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({
                surname: 'Нагрузочная',
                firstName: 'Проба',
                email: `load${n}@load.example`,
                subject: `Нагрузочная проверка ${n}: ${pick(WORDS)}`,
                text: 'Здравствуйте! Проверяем, что консоль выдерживает смешанную нагрузку и отказ узла.',
                consent: 'yes',
                lang: 'ru',
                website: '',
                submissionId: id,
              }),
            },
            check: (a) => {
              entry.ok = a.status === 303 && !!a.location?.startsWith('/f/obrashcheniya/done/');
              return entry.ok ? null : `HTTP ${a.status} ${a.body.slice(0, 600)}`;
            },
          },
          // The form carries its submission id: sending it again stores it once.
          true,
        ];
      }
    }
  }

  /** Warms each session's inbox so that views and replies have appeals to open. */
  async prime() {
    await Promise.all(this.sessions.map((s) => this.one('inbox', s)));
  }

  fire() {
    void this.one(chooseKind(), pick(this.sessions));
  }

  private async one(wanted: Kind, s: Session): Promise<void> {
    const [kind, req, idempotent] = this.request(wanted, s);
    const started = performance.now();
    let target = this.lb.pick();
    let lostNode: Outcome['lostNode'] = null;
    let detail = '';
    let ok = false;
    this.peakInflight = Math.max(this.peakInflight, ++this.inflight);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const bad = req.check(await send(target, req.path, req.init));
        ok = !bad;
        detail = bad ?? '';
        break;
      } catch (err) {
        detail = `${(err as Error).name}: ${(err as { cause?: Error }).cause?.message ?? (err as Error).message}`;
        if (!isConnectionError(err) || lostNode) break;
        lostNode = { name: target.name, at: Date.now() };
        this.lb.markDown(target);
        if (!idempotent) break;
        target = this.lb.pick(target);
      }
    }
    this.inflight--;
    req.release?.();
    this.outcomes.push({
      kind,
      ok,
      ms: performance.now() - started,
      end: Date.now(),
      node: target.name,
      lostNode,
      retried: !!lostNode && idempotent,
      detail,
    });
  }
}

/** Calls fire() `rate` times a second for `seconds`, catching up on timer ticks that came late. */
export async function atRate(
  rate: number,
  seconds: number,
  fire: () => void,
  at?: { fraction: number; run: () => void },
) {
  const started = performance.now();
  const total = Math.round(rate * seconds);
  let n = 0;
  let triggered = false;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (at && !triggered && elapsed >= seconds * at.fraction) {
        triggered = true;
        at.run();
      }
      const due = Math.min(total, Math.floor(elapsed * rate) + 1);
      while (n < due) {
        n++;
        fire();
      }
      if (n >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}
