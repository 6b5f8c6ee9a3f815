import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src/lib/server/channels/email/parse/parse';

/** Control characters but tab and line breaks: never stored (PostgreSQL refuses NUL). */
const CONTROL = /[^\P{Cc}\t\n\r]/u;

/** What must never survive the sanitiser into the HTML an operator opens. */
function unsafe(html: string): string | null {
  if (/<\s*(script|iframe|object|embed|form|style|svg|math|base|meta|link)\b/i.test(html)) {
    return 'tag';
  }
  if (/\son[a-z]+\s*=/i.test(html)) return 'event handler';
  if (/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data:text\/html)/i.test(html)) return 'scheme';
  return null;
}

const HOSTILE_HTML = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">ссылка</a>',
  '<a href="JaVaScRiPt:alert(1)">ссылка</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)><circle/></svg>',
  '<form action="https://evil.example"><input name=p></form>',
  '<style>body{background:url(https://evil.example/t.png)}</style>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<script>script>alert(1)<</script>/script>',
  '<p title="&quot;><script>alert(1)</script>">текст</p>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
];

const text = fc.string({ unit: 'binary', maxLength: 300 });
const headerValue = fc.string({ unit: 'binary', maxLength: 120 });

/** A message with nested multiparts (up to `depth` levels) around a hostile HTML part. */
const nestedMessage = fc
  .record({
    depth: fc.integer({ min: 0, max: 40 }),
    subject: headerValue,
    from: headerValue,
    body: text,
    html: fc.array(fc.constantFrom(...HOSTILE_HTML), { minLength: 1, maxLength: 4 }),
    charset: fc.constantFrom('utf-8', 'windows-1251', 'koi8-r', 'x-unknown', ''),
    encoding: fc.constantFrom('8bit', 'base64', 'quoted-printable', 'x-bogus'),
  })
  .map((m) => {
    const html = m.html.join('\n<p>');
    const encoded =
      m.encoding === 'base64' ? Buffer.from(html).toString('base64') : html.replace(/\n/g, '\r\n');
    let part = `Content-Type: text/html; charset=${m.charset}\r\nContent-Transfer-Encoding: ${m.encoding}\r\n\r\n${encoded}\r\n`;
    for (let level = 0; level < m.depth; level++) {
      const b = `b${level}`;
      part = `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${m.body}\r\n--${b}\r\n${part}--${b}--\r\n`;
    }
    return Buffer.from(
      `From: ${m.from.replace(/\r?\n/g, ' ')} <a@b.example>\r\nSubject: ${m.subject.replace(/\r?\n/g, ' ')}\r\nMIME-Version: 1.0\r\n${part}`,
      'utf8',
    );
  });

function assertStorable(p: Awaited<ReturnType<typeof parseEmail>>) {
  for (const value of [p.subject, p.text, p.from.name ?? '', p.from.address ?? '']) {
    expect(typeof value).toBe('string');
    expect(CONTROL.test(value), JSON.stringify(value)).toBe(false);
  }
  if (p.html != null) expect(unsafe(p.html), p.html).toBeNull();
  for (const a of p.attachments) {
    expect(a.name.length).toBeGreaterThan(0);
    expect(a.name).not.toMatch(/[\\/]/);
    expect(CONTROL.test(a.name)).toBe(false);
  }
}

// Generous timeouts: a loaded 2-core machine parses slowly; the runs stay small.
describe('MIME ingest under random and hostile input (fast-check)', { timeout: 60_000 }, () => {
  it('random bytes never throw and give storable text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        assertStorable(await parseEmail(Buffer.from(bytes)));
      }),
      { numRuns: 100 },
    );
  });

  it('deep nesting, odd charsets and encodings, and hostile HTML: parsed, sanitised, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(nestedMessage, async (raw) => {
        assertStorable(await parseEmail(raw));
      }),
      { numRuns: 40 },
    );
  });

  it('header lines with control characters and huge values are cleaned, not stored raw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 200_000 }),
        async (noise, pad) => {
          const subject = `Обращение\u0000${noise.replace(/\r?\n/g, ' ')}${'я'.repeat(pad % 5000)}`;
          const raw = Buffer.from(
            `From: "Иван\u0007 Петров" <ivan@example.ru>\r\nSubject: ${subject}\r\n\r\nТекст\u0000 письма ${'ж'.repeat(pad)}\r\n`,
          );
          const parsed = await parseEmail(raw);
          assertStorable(parsed);
          expect(parsed.subject.startsWith('Обращение')).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  // Found by this property: a part cut off mid-header came without a content type and parseEmail
  // threw (a.contentType.split is not a function) instead of keeping the mailbox going.
  it('a message cut short (truncated fetch) still parses and says so', async () => {
    await fc.assert(
      fc.asyncProperty(
        nestedMessage,
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        async (raw, share) => {
          const cut = raw.subarray(0, Math.max(1, Math.floor(raw.length * share)));
          const parsed = await parseEmail(cut, { truncatedAt: cut.length });
          assertStorable(parsed);
          expect(parsed.truncated).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
