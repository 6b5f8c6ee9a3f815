import { formatAppealNumber } from '../../../src/lib/domain/appeals/status';
import type { AppealSearchSource } from '../../../src/lib/domain/search/appeal-document';
import { emailOf, organization, person, phoneOf, translit } from './people';
import { Rng, weighted } from './random';
import {
  CALL_OPENINGS,
  CLOSINGS,
  FOLLOW_UPS,
  GREETINGS,
  NOTES,
  REPLY_ENDINGS,
  Slots,
  TOPICS,
  render,
  type Topic,
} from './texts';

export type Value = string | number | null;
export type Row = Value[];

/** Column order of every row this module builds; the writers insert in this order. */
export const COLUMNS = {
  clients: [
    'id',
    'surname',
    'first_name',
    'patronymic',
    'organization',
    'segment',
    'accessibility',
    'accessibility_note',
    'preferred_channel',
    'created_at',
    'updated_at',
  ],
  client_contacts: ['id', 'client_id', 'kind', 'value', 'created_at'],
  appeals: [
    'id',
    'number',
    'client_id',
    'touchpoint_id',
    'process_id',
    'channel',
    'subject',
    'status',
    'priority',
    'assignee_id',
    'unit_id',
    'created_at',
    'updated_at',
    'last_activity_at',
    'first_response_at',
    'answered_at',
    'closed_at',
    'ack_due_at',
    'first_response_due_at',
    'answer_due_at',
  ],
  interactions: [
    'id',
    'appeal_id',
    'direction',
    'kind',
    'author_id',
    'touchpoint_id',
    'at',
    'subject',
    'text',
    'meta',
    'external_id',
  ],
  outbox: [
    'id',
    'interaction_id',
    'channel',
    'status',
    'attempts',
    'next_attempt_at',
    'created_at',
    'sent_at',
  ],
} as const;
export type Table = keyof typeof COLUMNS;

export interface RegistryRow {
  processId: number;
  processName: string;
  touchpointId: number;
  channel: string;
}

export interface Staff {
  id: number;
  name: string;
}

export interface SearchRow {
  appealId: number;
  source: AppealSearchSource;
}

export interface AppealBatch {
  appeals: Row[];
  interactions: Row[];
  outbox: Row[];
  search: SearchRow[];
}

interface ClientInfo {
  id: number;
  surname: string | null;
  firstName: string | null;
  patronymic: string | null;
  organization: string | null;
  female: boolean;
  contacts: string[];
  email: string | null;
  phone: string | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const CHANNEL_WEIGHT: Record<string, number> = {
  email: 6,
  webform: 5,
  phone: 4,
  portal: 2,
  in_person: 1.2,
  post: 1,
};
const ORAL = new Set(['phone', 'in_person', 'video']);
const DELIVERED = new Set(['email', 'webform']);
const INBOUND_KIND: Record<string, string> = { email: 'email', webform: 'webform', phone: 'call' };

const pickPriority = weighted([
  ['normal', 85],
  ['high', 8],
  ['low', 5],
  ['urgent', 2],
] as const);

/** Share of statuses by the appeal's age in days: most old appeals are closed. */
const STATUS_BY_AGE: readonly [number, (rng: Rng) => string][] = [
  [
    2,
    weighted([
      ['new', 60],
      ['open', 25],
      ['waiting', 5],
      ['answered', 5],
      ['closed', 5],
    ]),
  ],
  [
    10,
    weighted([
      ['new', 8],
      ['open', 45],
      ['waiting', 15],
      ['answered', 16],
      ['closed', 16],
    ]),
  ],
  [
    30,
    weighted([
      ['new', 2],
      ['open', 24],
      ['waiting', 14],
      ['answered', 25],
      ['closed', 35],
    ]),
  ],
  [
    60,
    weighted([
      ['open', 7],
      ['waiting', 5],
      ['answered', 18],
      ['closed', 70],
    ]),
  ],
  [
    Infinity,
    weighted([
      ['new', 0.05],
      ['open', 0.3],
      ['waiting', 0.25],
      ['answered', 2.4],
      ['closed', 97],
    ]),
  ],
];

/** Moscow-time hours (UTC+3) at which appeals arrive; forms and e-mail also come at night. */
const pickHour = weighted(
  [0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 1, 2, 5, 9, 10, 10, 8, 9, 9, 8, 7, 5, 3, 2.5, 2, 1.5, 1, 0.5].map(
    (w, h) => [h, w] as const,
  ),
);

interface PreparedTopic extends Topic {
  unitId: number | null;
  touchpoint: (rng: Rng) => RegistryRow;
}

export interface WorldInput {
  seed: number;
  now: number;
  years: number;
  appeals: number;
  perAppeal: number;
  registry: readonly RegistryRow[];
  unitIds: ReadonlyMap<string, number>;
  /** Operators who may hold an appeal routed to a unit. */
  operatorsByUnit: ReadonlyMap<number, readonly Staff[]>;
  fallbackUnitId: number;
  firstIds: {
    client: number;
    contact: number;
    appeal: number;
    interaction: number;
    outbox: number;
  };
  counters: ReadonlyMap<number, number>;
}

/** Builds clients, then appeals with their timelines in creation order, as plain rows. */
export class World {
  readonly rng: Rng;
  readonly input: WorldInput;
  readonly topics: PreparedTopic[];
  readonly pickTopic: (rng: Rng) => PreparedTopic;
  readonly counters: Map<number, number>;
  readonly pools = {
    citizen: [] as ClientInfo[],
    organization: [] as ClientInfo[],
    employee: [] as ClientInfo[],
  };
  ids: { client: number; contact: number; appeal: number; interaction: number; outbox: number };

  constructor(input: WorldInput) {
    this.input = input;
    this.rng = new Rng(input.seed);
    this.ids = { ...input.firstIds };
    this.counters = new Map(input.counters);
    this.topics = TOPICS.map((t) => {
      const rows = input.registry.filter((r) => r.processName.startsWith(t.process));
      if (!rows.length) throw new Error(`No registry process starts with «${t.process}»`);
      return {
        ...t,
        unitId: input.unitIds.get(t.unit) ?? null,
        touchpoint: weighted(
          rows.map((r) => {
            const sameChannel = rows.filter((o) => o.channel === r.channel).length;
            return [r, (CHANNEL_WEIGHT[r.channel] ?? 0.4) / sameChannel] as const;
          }),
        ),
      };
    });
    this.pickTopic = weighted(this.topics.map((t) => [t, t.weight] as const));
  }

  /** Clients in chunks: people, organisations and the agency's own employees. */
  *clients(total: number, chunk: number): Generator<{ clients: Row[]; contacts: Row[] }> {
    const rng = this.rng;
    const employees = Math.min(400, Math.round(total * 0.01));
    const organizations = Math.round(total * 0.035);
    const createdAt = iso(this.input.now - this.input.years * 365 * DAY - 30 * DAY);
    let clients: Row[] = [];
    let contacts: Row[] = [];
    for (let i = 0; i < total; i++) {
      const id = this.ids.client++;
      const kind =
        i < employees ? 'employee' : i < employees + organizations ? 'organization' : 'citizen';
      const p = person(rng);
      const org = kind === 'organization' ? organization(rng) : null;
      const info: ClientInfo = {
        id,
        surname: org && rng.chance(0.7) ? null : p.surname,
        firstName: org && rng.chance(0.7) ? null : p.firstName,
        patronymic: p.patronymic,
        organization: org,
        female: p.female,
        contacts: [],
        email: null,
        phone: null,
      };
      if (!info.surname) info.firstName = info.patronymic = null;
      const wantsEmail = kind !== 'citizen' || rng.chance(0.8);
      const wantsPhone = !wantsEmail || rng.chance(kind === 'citizen' ? 0.65 : 0.7);
      if (wantsEmail) {
        info.email =
          kind === 'employee'
            ? `${translit(p.surname)}.${translit(p.firstName[0]!)}${id}@otklik.example`
            : kind === 'organization'
              ? `info.${id.toString(36)}@${rng.pick(['edu', 'school', 'dou', 'uc'])}${id % 997}.ru`
              : emailOf(rng, p, id);
        info.contacts.push(info.email);
        contacts.push([this.ids.contact++, id, 'email', info.email, createdAt]);
      }
      if (wantsPhone) {
        info.phone = phoneOf(id);
        info.contacts.push(info.phone);
        contacts.push([this.ids.contact++, id, 'phone', info.phone, createdAt]);
      }
      const needs = rng.chance(0.03) ? [rng.pick(['health', 'digital', 'language'])] : [];
      const segment =
        kind === 'employee'
          ? 'employee'
          : kind === 'organization'
            ? rng.pick([
                'legal_entity',
                'legal_entity',
                'legal_entity',
                'public_association',
                'local_government',
              ])
            : rng.chance(0.01)
              ? 'media'
              : 'citizen';
      clients.push([
        id,
        info.surname,
        info.firstName,
        info.patronymic,
        info.organization,
        segment,
        JSON.stringify(needs),
        needs.length
          ? rng.pick([
              'Плохо слышит, лучше писать',
              'Нужна помощь с Госуслугами',
              'Говорит по-русски с трудом',
            ])
          : null,
        info.email && rng.chance(0.5) ? 'email' : info.phone && rng.chance(0.3) ? 'phone' : null,
        createdAt,
        createdAt,
      ]);
      this.pools[kind].push(info);
      if (clients.length === chunk) {
        yield { clients, contacts };
        clients = [];
        contacts = [];
      }
    }
    if (clients.length) yield { clients, contacts };
  }

  /** A skewed choice: a few clients write hundreds of times, most once or twice. */
  #client(pool: readonly ClientInfo[]): ClientInfo {
    const n = pool.length;
    const idx = Math.floor(n * Math.pow(this.rng.next(), 1.6));
    return pool[(idx * 7919 + 13) % n]!;
  }

  /** Appeal creation times in order: weekdays, office hours, seasons, growth over the years. */
  *times(): Generator<number> {
    const { now, years, appeals } = this.input;
    const end = now - 10 * 60_000;
    const firstDay = Math.floor((end - years * 365 * DAY) / DAY);
    const lastDay = Math.floor(end / DAY);
    const weights: number[] = [];
    for (let d = firstDay; d <= lastDay; d++) {
      const date = new Date(d * DAY);
      const dow = date.getUTCDay();
      const month = date.getUTCMonth();
      const season =
        month === 7 || month === 8 ? 1.35 : month === 0 ? 0.75 : month === 6 ? 0.85 : 1;
      const growth = 0.7 + (0.6 * (d - firstDay)) / (lastDay - firstDay);
      weights.push((dow === 0 ? 0.2 : dow === 6 ? 0.3 : 1) * season * growth);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    let carry = 0;
    let emitted = 0;
    for (let i = 0; i < weights.length && emitted < appeals; i++) {
      carry += (appeals * weights[i]!) / total;
      const count = Math.min(
        appeals - emitted,
        i === weights.length - 1 ? appeals - emitted : Math.floor(carry),
      );
      carry -= count;
      const dayStart = (firstDay + i) * DAY;
      const times: number[] = [];
      for (let k = 0; k < count; k++) {
        const t = dayStart + (pickHour(this.rng) - 3) * HOUR + this.rng.int(HOUR);
        times.push(Math.min(t, end - this.rng.int(HOUR)));
      }
      times.sort((a, b) => a - b);
      for (const t of times) yield t;
      emitted += count;
    }
  }

  *appeals(batchSize: number): Generator<AppealBatch> {
    let batch: AppealBatch = { appeals: [], interactions: [], outbox: [], search: [] };
    for (const t of this.times()) {
      this.#appeal(t, batch);
      if (batch.appeals.length === batchSize) {
        yield batch;
        batch = { appeals: [], interactions: [], outbox: [], search: [] };
      }
    }
    if (batch.appeals.length) yield batch;
  }

  #number(t0: number): string {
    const year = new Date(t0).getUTCFullYear();
    const seq = (this.counters.get(year) ?? 0) + 1;
    this.counters.set(year, seq);
    return formatAppealNumber(year, seq);
  }

  #appeal(t0: number, out: AppealBatch): void {
    const rng = this.rng;
    const { now, perAppeal } = this.input;
    const topic = this.pickTopic(rng);
    const client = this.#client(this.pools[topic.client]);
    const tp = topic.touchpoint(rng);
    const channel = tp.channel;
    const oral = ORAL.has(channel);
    const age = (now - t0) / DAY;
    let status = STATUS_BY_AGE.find(([days]) => age < days)![1](rng);
    if (oral && age > 1 && status !== 'closed' && rng.chance(0.9)) status = 'closed';
    const triaged = status !== 'new' || rng.chance(0.6);
    const unitId = triaged ? (topic.unitId ?? this.input.fallbackUnitId) : null;
    const staff = this.input.operatorsByUnit.get(unitId ?? this.input.fallbackUnitId) ?? [];
    const assignee =
      status === 'new' ||
      !staff.length ||
      (status !== 'closed' && status !== 'answered' && rng.chance(0.03))
        ? null
        : rng.pick(staff);
    const id = this.ids.appeal++;
    const number = this.#number(t0);
    const fullName = [client.surname, client.firstName, client.patronymic]
      .filter(Boolean)
      .join(' ');
    const slots = new Slots(rng, {
      number,
      fullName: fullName || client.organization || '',
      phone: client.phone ?? '8 (912) 000-00-00',
    });
    const subject = render(rng.pick(topic.subjects), slots);
    const priority = pickPriority(rng);
    const dueDays = priority === 'urgent' ? 5 : priority === 'high' ? 15 : 30;

    interface Event {
      at: number;
      direction: string;
      kind: string;
      author: number | null;
      subject: string | null;
      text: string | null;
      meta: string;
      external: string | null;
    }
    const events: Event[] = [];
    const author = assignee?.id ?? null;
    const inKind = oral
      ? channel === 'phone'
        ? 'call'
        : 'manual'
      : (INBOUND_KIND[channel] ?? 'manual');
    const inbound = (at: number, first: boolean): Event => {
      const fact = render(rng.pick(topic.facts), slots);
      const ask = render(rng.pick(topic.asks), slots);
      let text: string;
      if (oral) text = `${rng.pick(CALL_OPENINGS)} ${fact} ${ask}`;
      else if (first) {
        const more = rng.chance(0.5) ? ` ${render(rng.pick(topic.facts), slots)}` : '';
        text = [rng.pick(GREETINGS), `${fact}${more}`, ask, render(rng.pick(CLOSINGS), slots)]
          .filter(Boolean)
          .join('\n');
      } else {
        slots.set('fact', fact);
        slots.set('ask', ask);
        text = render(rng.pick(FOLLOW_UPS), slots);
      }
      const eid = this.ids.interaction + events.length;
      return {
        at,
        direction: 'in',
        kind: inKind,
        author: oral ? author : null,
        subject: first ? subject : channel === 'email' ? `Re: [${number}] ${subject}` : subject,
        text,
        meta: oral ? `{"durationSec":${rng.between(40, 900)}}` : '{}',
        external:
          channel === 'email'
            ? `<${eid.toString(36)}.${rng.int(1e9).toString(36)}@${client.email?.split('@')[1] ?? 'mail.ru'}>`
            : channel === 'webform'
              ? `form-${eid}`
              : null,
      };
    };
    const system = (at: number, kind: string, meta: string, by: number | null): Event => ({
      at,
      direction: 'system',
      kind,
      author: by,
      subject: null,
      text: null,
      meta,
      external: null,
    });

    events.push(inbound(t0, true));
    let end = now;
    let assignedAt = t0;
    let replyAt: number | null = null;
    let closedAt: number | null = null;
    if (assignee && !oral) {
      assignedAt = Math.min(t0 + HOUR * (0.1 + rng.next() * 30), t0 + (now - t0) * 0.3);
      const by = rng.chance(0.6) ? assignee.id : rng.pick(staff).id;
      events.push(
        system(
          assignedAt,
          'assigned',
          `{"fromAssignee":null,"toAssignee":${assignee.id},"fromUnit":${unitId},"toUnit":${unitId}}`,
          by,
        ),
      );
    }
    if (status === 'answered' || status === 'closed') {
      replyAt = oral
        ? t0 + rng.between(1, 15) * 60_000
        : assignedAt +
          (now - assignedAt) * Math.min(0.95, rng.next()) * Math.min(1, 25 / Math.max(age, 1));
      end = replyAt;
      if (!oral) {
        const salutation =
          client.patronymic && client.firstName
            ? `${client.female ? 'Уважаемая' : 'Уважаемый'} ${client.firstName} ${client.patronymic}!`
            : client.organization
              ? 'Уважаемые коллеги!'
              : 'Уважаемый заявитель!';
        const answers =
          render(rng.pick(topic.answers), slots) +
          (rng.chance(0.4) ? ` ${render(rng.pick(topic.answers), slots)}` : '');
        const created = iso(t0).slice(0, 10).split('-').reverse().join('.');
        events.push({
          at: replyAt,
          direction: 'out',
          kind: 'reply',
          author,
          subject: `Re: ${subject}`,
          text: [
            salutation,
            `Ваше обращение № ${number} от ${created} рассмотрено.`,
            answers,
            rng.pick(REPLY_ENDINGS),
            `Оцените, пожалуйста, ответ: https://otklik.example/s/${id.toString(36)}`,
            assignee?.name ?? '',
          ].join('\n'),
          meta: '{}',
          external: null,
        });
      }
      if (status === 'closed') {
        closedAt = Math.min(now - 60_000, replyAt + rng.next() * 7 * DAY);
        if (closedAt < replyAt) closedAt = replyAt;
        events.push(
          system(
            closedAt,
            'status',
            oral ? '{"from":"new","to":"closed"}' : '{"from":"answered","to":"closed"}',
            author,
          ),
        );
      }
    } else if (status === 'waiting') {
      events.push(
        system(
          assignedAt + (now - assignedAt) * rng.next(),
          'status',
          '{"from":"open","to":"waiting"}',
          author,
        ),
      );
    }
    const extras = Math.max(0, Math.round(perAppeal - events.length + rng.normal() * 1.3));
    for (let k = 0; k < extras; k++) {
      const at = t0 + (end - t0) * (0.05 + 0.9 * rng.next());
      if (author && rng.chance(0.45)) {
        events.push({
          at,
          direction: 'note',
          kind: 'note',
          author,
          subject: null,
          text: render(rng.pick(NOTES), slots),
          meta: '{}',
          external: null,
        });
      } else events.push(inbound(at, false));
    }
    events.sort((a, b) => a.at - b.at);

    let lastActivity = t0;
    let firstReply: number | null = null;
    const search: { subject: string | null; text: string | null }[] = [];
    for (const e of events) {
      const iid = this.ids.interaction++;
      if (e.direction === 'in' || e.direction === 'out')
        lastActivity = Math.max(lastActivity, e.at);
      if (e.direction === 'out') {
        firstReply ??= e.at;
        if (DELIVERED.has(channel)) {
          out.outbox.push([
            this.ids.outbox++,
            iid,
            channel,
            'sent',
            1,
            iso(e.at),
            iso(e.at),
            iso(e.at + 4000),
          ]);
        }
      }
      out.interactions.push([
        iid,
        id,
        e.direction,
        e.kind,
        e.author,
        e.direction === 'in' || e.direction === 'out' ? tp.touchpointId : null,
        iso(e.at),
        e.subject,
        e.text,
        e.meta,
        e.external,
      ]);
      search.push({ subject: e.subject, text: e.text });
    }
    if (oral && replyAt) firstReply = replyAt;
    const lastEvent = events.at(-1)!.at;
    out.appeals.push([
      id,
      number,
      client.id,
      tp.touchpointId,
      triaged ? tp.processId : null,
      channel,
      subject,
      status,
      priority,
      assignee?.id ?? null,
      unitId,
      iso(t0),
      iso(lastEvent),
      iso(lastActivity),
      firstReply ? iso(firstReply) : null,
      replyAt ? iso(replyAt) : null,
      closedAt ? iso(closedAt) : null,
      iso(t0 + DAY),
      iso(t0 + 3 * DAY),
      iso(t0 + dueDays * DAY),
    ]);
    out.search.push({
      appealId: id,
      source: {
        number,
        subject,
        client: {
          surname: client.surname,
          firstName: client.firstName,
          patronymic: client.patronymic,
          organization: client.organization,
        },
        contacts: client.contacts,
        interactions: search,
      },
    });
  }
}
