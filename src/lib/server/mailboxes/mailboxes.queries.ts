import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { MailboxesTable } from '../db/schema';

export type MailboxRow = Selectable<MailboxesTable>;

/** What the admin sees of a mailbox: never its passwords. */
export interface MailboxView {
  id: number;
  address: string;
  displayName: string | null;
  touchpointId: number;
  touchpoint: string;
  imap: string;
  smtp: string;
  active: boolean;
  state: string;
  lastError: string | null;
  lastErrorAt: string | null;
  lastFetchAt: string | null;
  lastUid: number;
}

export async function activeMailboxes(db: Db): Promise<MailboxRow[]> {
  return db.selectFrom('mailboxes').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export async function mailboxById(db: Db, id: number): Promise<MailboxRow | undefined> {
  return db.selectFrom('mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function mailboxByAddress(db: Db, address: string) {
  return db.selectFrom('mailboxes').select('id').where('address', '=', address).executeTakeFirst();
}

export async function listMailboxViews(db: Db): Promise<MailboxView[]> {
  const rows = await db
    .selectFrom('mailboxes as m')
    .innerJoin('touchpoints as t', 't.id', 'm.touchpoint_id')
    .selectAll('m')
    .select('t.name as touchpoint')
    .orderBy('m.id')
    .execute();
  return rows.map((m) => ({
    id: m.id,
    address: m.address,
    displayName: m.display_name,
    touchpointId: m.touchpoint_id,
    touchpoint: m.touchpoint,
    imap: `${m.imap_tls ? 'imaps' : 'imap'}://${m.imap_user}@${m.imap_host}:${m.imap_port}/${m.imap_folder}`,
    smtp: `${m.smtp_tls ? 'smtps' : 'smtp'}://${m.smtp_user ? `${m.smtp_user}@` : ''}${m.smtp_host}:${m.smtp_port}`,
    active: m.active === 1,
    state: m.state,
    lastError: m.last_error,
    lastErrorAt: m.last_error_at,
    lastFetchAt: m.last_fetch_at,
    lastUid: m.last_uid,
  }));
}

/** Every address Otklik sends from: mail from them is our own and is never acknowledged. */
export async function mailboxAddresses(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('mailboxes').select('address').execute();
  return new Set(rows.map((r) => r.address.toLowerCase()));
}

export async function markConnected(db: Db, id: number, now: string) {
  await db
    .updateTable('mailboxes')
    .set({ state: 'connected', updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markIdle(db: Db, id: number, now: string) {
  await db
    .updateTable('mailboxes')
    .set({ state: 'idle', updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markError(db: Db, id: number, error: string, now: string) {
  await db
    .updateTable('mailboxes')
    .set({ state: 'error', last_error: error.slice(0, 1000), last_error_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function markFetched(db: Db, id: number, now: string) {
  await db
    .updateTable('mailboxes')
    .set({ last_fetch_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * A new UIDVALIDITY means the server renumbered the folder (RFC 3501 §2.3.1.1): every UID we
 * remember is void, so the folder is read again from the start; Message-IDs keep it exactly once.
 */
export async function resetCheckpoint(db: Db, id: number, uidValidity: string, now: string) {
  await db
    .updateTable('mailboxes')
    .set({ uid_validity: uidValidity, last_uid: 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Moves the checkpoint forward only, inside the transaction that stored the message. */
export async function advanceCheckpoint(db: Db, id: number, uidValidity: string, uid: number) {
  await db
    .updateTable('mailboxes')
    .set({ last_uid: uid })
    .where('id', '=', id)
    .where('uid_validity', '=', uidValidity)
    .where('last_uid', '<', uid)
    .execute();
}
