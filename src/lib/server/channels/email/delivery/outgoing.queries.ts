import type { Db } from '../../../db';
import { DeliveryError } from './settings';

export interface Outgoing {
  appeal: { id: number; number: string; subject: string; touchpointId: number };
  kind: string;
  subject: string | null;
  text: string;
  to: string;
  /** The client's last message: what the reply answers (RFC 5322 §3.6.4). */
  parent: { messageId: string; references: string[] } | null;
  attachments: { name: string; contentType: string; sha256: string }[];
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

/** A bare address from `a@b`, `Name <a@b>` or the ingest's `{ address, name }`; else null. */
export function bareAddress(value: unknown): string | null {
  const text = value && typeof value === 'object' && 'address' in value ? value.address : value;
  if (typeof text !== 'string') return null;
  const inAngles = /<([^<>]+)>\s*$/.exec(text)?.[1];
  const candidate = (inAngles ?? text).trim();
  return ADDRESS.test(candidate) ? candidate : null;
}

/** `<id@host>` from a stored Message-ID with or without its angle brackets. */
export function msgId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const core = value.trim().replace(/^<|>$/g, '');
  return /^[^\s<>@]+@[^\s<>@]+$/.test(core) ? `<${core}>` : null;
}

function referencesOf(meta: Record<string, unknown>): string[] {
  const raw = meta.references;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : [];
  return list.map(msgId).filter((v): v is string => v !== null);
}

/**
 * What an outbox row sends. An acknowledgement carries its address and thread in its own meta
 * (to, inReplyTo, references). A reply goes to the address the client last wrote from (the
 * ingest keeps it in meta.from, the Message-ID in external_id), else the client's first e-mail.
 */
export async function loadOutgoing(db: Db, interactionId: number): Promise<Outgoing> {
  const row = await db
    .selectFrom('interactions as i')
    .innerJoin('appeals as a', 'a.id', 'i.appeal_id')
    .select([
      'i.kind',
      'i.subject',
      'i.meta',
      'i.text',
      'a.id as appealId',
      'a.number',
      'a.subject as appealSubject',
      'a.touchpoint_id as touchpointId',
      'a.client_id as clientId',
    ])
    .where('i.id', '=', interactionId)
    .executeTakeFirst();
  if (!row) throw new DeliveryError('the reply no longer exists', 'permanent');

  const inbound = await db
    .selectFrom('interactions')
    .select(['meta', 'external_id as externalId'])
    .where('appeal_id', '=', row.appealId)
    .where('direction', '=', 'in')
    .where('id', '<', interactionId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  const own = JSON.parse(row.meta) as Record<string, unknown>;
  const metas = inbound.map((r) => ({ ...r, meta: JSON.parse(r.meta) as Record<string, unknown> }));
  const from = metas.map((r) => bareAddress(r.meta.from)).find((a) => a !== null);
  const last = metas.find((r) => msgId(r.externalId) ?? msgId(r.meta.messageId));
  const ownParent = msgId(own.inReplyTo);
  const parent = ownParent
    ? { messageId: ownParent, references: referencesOf(own) }
    : last
      ? {
          messageId: (msgId(last.externalId) ?? msgId(last.meta.messageId))!,
          references: referencesOf(last.meta),
        }
      : null;

  let to = bareAddress(own.to) ?? from ?? null;
  if (!to) {
    const contact = await db
      .selectFrom('client_contacts')
      .select('value')
      .where('client_id', '=', row.clientId)
      .where('kind', '=', 'email')
      .orderBy('id')
      .executeTakeFirst();
    to = bareAddress(contact?.value);
  }
  if (!to) throw new DeliveryError('the client has no e-mail address', 'permanent');

  const files = await db
    .selectFrom('attachments')
    .select(['name', 'content_type as contentType', 'sha256'])
    .where('interaction_id', '=', interactionId)
    .where('sha256', 'is not', null)
    .orderBy('id')
    .execute();

  return {
    appeal: {
      id: row.appealId,
      number: row.number,
      subject: row.appealSubject,
      touchpointId: row.touchpointId,
    },
    kind: row.kind,
    subject: row.subject,
    text: row.text ?? '',
    to,
    parent,
    attachments: files.map((f) => ({
      name: f.name,
      contentType: f.contentType,
      sha256: f.sha256!,
    })),
  };
}
