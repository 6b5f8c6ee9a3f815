// Benchmark (not a test) for the e-mail ingest of issue 5: 5,000 mixed messages in a private
// Dovecot, ingested end to end (IMAP fetch, parse, filters, thread, store, index, acknowledgement
// queued in the outbox) by one `ingestMailboxOnce` pass on a fresh SQLite database (or the
// PostgreSQL server of --database-url, which gets a fresh database of its own).
// Targets: ≥ 100 messages/s, peak resident memory ≤ 300 MB.
// Usage: npm run bench:ingest [-- --messages 5000] [-- --database-url postgres://…] [-- --keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { ImapFlow } from 'imapflow';
import pg from 'pg';
import { ingestMailboxOnce } from '../../src/lib/server/channels/email';
import { systemClock } from '../../src/lib/server/clock';
import { SYSTEM, type ServiceContext } from '../../src/lib/server/context';
import { connect } from '../../src/lib/server/db/connect';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { resetEnv } from '../../src/lib/server/env';
import { EventBus } from '../../src/lib/server/events/bus';
import { mailboxById } from '../../src/lib/server/mailboxes/mailboxes.queries';
import { addMailbox } from '../../src/lib/server/mailboxes/mailboxes.service';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const total = Number(values.messages);
const USER = 'bench@otklik.test';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (s: string, cs = 'utf-8') => `=?${cs}?B?${iconv.encode(s, cs).toString('base64')}?=`;
const SURNAMES = ['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Волков', 'Зайцева'];
const NAMES = ['Мария Петровна', 'Иван Сергеевич', 'Анна Викторовна', 'Олег Игоревич'];
const TOPICS = [
  'Запись в первый класс',
  'Компенсация за питание',
  'Очередь в детский сад',
  'Справка об обучении',
  'Путёвка в лагерь',
  'Ремонт спортзала',
];
const BODY =
  'Здравствуйте! Прошу разъяснить порядок предоставления услуги и сроки рассмотрения. ' +
  'Документы готов направить дополнительно. С уважением.\r\n';
const PDF = Buffer.alloc(20_000, 0x25);

/**
 * The mix: plain UTF-8 (55 %), windows-1251 (10 %), KOI8-R (5 %), HTML alternative (10 %), a PDF
 * attachment (5 %), replies by appeal number (6 %) and by In-Reply-To (4 %), auto-replies (3 %),
 * the same Message-ID again (2 %). Senders repeat, so the acknowledgement window is exercised.
 */
function message(i: number): string | Buffer {
  const kind = i % 100;
  const from = `${word(`${SURNAMES[i % 7]} ${NAMES[i % 4]}`)} <client${i % 3000}@mail.example>`;
  const topic = `${TOPICS[i % 6]} (${i})`;
  const head = (extra: string[], id = `<bench-${i}@mail.example>`) =>
    [`From: ${from}`, 'To: obr@otklik.example', `Message-ID: ${id}`, 'MIME-Version: 1.0', ...extra]
      .join('\r\n')
      .concat('\r\n\r\n');
  if (kind < 10 && i > 100) {
    return `${head([`Subject: ${word(`Re: ${topic}`)}`, `In-Reply-To: <bench-${i - 90}@mail.example>`, 'Content-Type: text/plain; charset=utf-8'])}${BODY}`;
  }
  if (kind < 16 && i > 200) {
    const n = String(1 + (i % 150)).padStart(6, '0');
    return `${head([`Subject: ${word(`Дополнение [#${new Date().getUTCFullYear()}-${n}]`)}`, 'Content-Type: text/plain; charset=utf-8'])}${BODY}`;
  }
  if (kind < 18 && i > 10) return message(i - 7).toString();
  if (kind < 21) {
    return `${head([`Subject: ${word('Автоответ: я в отпуске')}`, 'Auto-Submitted: auto-replied', 'Content-Type: text/plain; charset=utf-8'])}Я в отпуске.\r\n`;
  }
  if (kind < 31) {
    return Buffer.concat([
      Buffer.from(
        head([
          `Subject: ${word(topic, 'windows-1251')}`,
          'Content-Type: text/plain; charset=windows-1251',
          'Content-Transfer-Encoding: 8bit',
        ]),
      ),
      iconv.encode(BODY, 'windows-1251'),
    ]);
  }
  if (kind < 36) {
    return `${head([`Subject: ${word(topic, 'koi8-r')}`, 'Content-Type: text/plain; charset=koi8-r', 'Content-Transfer-Encoding: base64'])}${b64(iconv.encode(BODY, 'koi8-r'))}\r\n`;
  }
  if (kind < 46) {
    return `${head([`Subject: ${word(topic)}`, 'Content-Type: multipart/alternative; boundary="a"'])}--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${BODY}--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p onclick="x()">${BODY}</p><script>alert(1)</script>\r\n--a--\r\n`;
  }
  if (kind < 51) {
    return `${head([`Subject: ${word(topic)}`, 'Content-Type: multipart/mixed; boundary="m"'])}--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${BODY}--m\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(`Заявление ${i}.pdf`)}\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(PDF)}\r\n--m--\r\n`;
  }
  return `${head([`Subject: ${word(topic)}`, 'Content-Type: text/plain; charset=utf-8'])}${BODY}`;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-ingest-'));
  cleanups.push(() =>
    values.keep ? console.log(`Kept ${work}`) : fs.rmSync(work, { recursive: true, force: true }),
  );
  // Its own temp folder: Dovecot's auth process, another OS user, must read the users file.
  const dovecotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'otklik-bench-dovecot-'));
  const port = await freePort();
  const started = spawnSync(
    'bash',
    [
      path.join(root, 'scripts/services/dovecot.sh'),
      'start',
      dovecotDir,
      '--port',
      String(port),
      `${USER}:secret`,
    ],
    { encoding: 'utf8' },
  );
  cleanups.push(() =>
    spawnSync('bash', [
      path.join(root, 'scripts/services/dovecot.sh'),
      'stop',
      dovecotDir,
      '--purge',
    ]),
  );
  if (started.status !== 0) throw new Error(`Dovecot did not start:\n${started.stderr}`);

  let postgresUrl: string | undefined;
  if (values['database-url']) {
    const pgAdmin = values['database-url'];
    const pgName = `otklik_bench_${process.pid}`;
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    await c.query(`CREATE DATABASE ${pgName}`);
    await c.end();
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: pgAdmin });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      await admin.end();
    });
    const url = new URL(pgAdmin);
    url.pathname = `/${pgName}`;
    postgresUrl = url.toString();
  }
  resetEnv({ OTKLIK_DATA: path.join(work, 'data'), DATABASE_URL: postgresUrl });
  fs.mkdirSync(path.join(work, 'data'), { recursive: true });
  const db = connect(
    postgresUrl ? { postgresUrl } : { sqlitePath: path.join(work, 'data', 'otklik.sqlite') },
  );
  cleanups.push(() => db.destroy());
  await migrateToLatest(db);
  const ctx: ServiceContext = { db, clock: systemClock, bus: new EventBus() };
  const { id } = await addMailbox(ctx, SYSTEM, {
    address: 'obr@otklik.example',
    displayName: 'Министерство образования',
    imap: {
      host: '127.0.0.1',
      port,
      tls: false,
      user: USER,
      password: 'secret',
      folder: 'INBOX',
      sentFolder: null,
    },
    smtp: { host: '127.0.0.1', port: 9, tls: false, user: null, password: null },
  });
  const mailbox = (await mailboxById(db, id))!;

  process.stdout.write(`Appending ${total} messages to Dovecot on 127.0.0.1:${port} … `);
  const appendStart = performance.now();
  // Dovecot syncs every APPEND to disk: four connections side by side fill the folder sooner.
  let bytes = 0;
  const lanes = 4;
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        auth: { user: USER, pass: 'secret' },
        logger: false,
      });
      await client.connect();
      for (let i = lane; i < total; i += lanes) {
        const raw = message(i);
        bytes += raw.length;
        await client.append('INBOX', raw);
      }
      await client.logout();
    }),
  );
  console.log(
    `${((performance.now() - appendStart) / 1000).toFixed(1)} s, ${(bytes / 1048576).toFixed(1)} MB`,
  );

  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 25);
  const load = os.loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const tally = await ingestMailboxOnce(ctx, mailbox);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
  const rate = tally.fetched / seconds;
  console.log(
    `Ingested ${tally.fetched} messages in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} messages/s ` +
      `(target ≥ 100) — ${tally.created} new appeals, ${tally.threaded} threaded, ` +
      `${tally.duplicates} duplicates, ${tally.acknowledged} acknowledgements queued` +
      (tally.error ? `; ERROR ${tally.error}` : ''),
  );
  console.log(
    `Resident memory: peak ${mb(peakRss)} (target ≤ 300 MB), ${mb(baseRss)} before the pass; ` +
      `database: ${postgresUrl ? 'PostgreSQL' : 'SQLite'}`,
  );
  // On a shared machine the wall-clock rate depends on the neighbours; the CPU time does not.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `CPU time of this process: ${(cpuMs / tally.fetched).toFixed(1)} ms per message ` +
      `(${(tally.fetched / (cpuMs / 1000)).toFixed(0)} messages per CPU-second); ` +
      `load average at the start ${load.toFixed(1)} on ${os.cpus().length} cores`,
  );
  process.exitCode =
    tally.error || tally.fetched !== total || rate < 100 || peakRss > 300 * 1048576 ? 1 : 0;
}

/** Undone in reverse order whatever happens: a failed run leaves no Dovecot or database behind. */
const cleanups: (() => unknown)[] = [];
try {
  await main();
} finally {
  for (const undo of cleanups.reverse()) await undo();
}
