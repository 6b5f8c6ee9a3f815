import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetEnv } from '../../src/lib/server/env';
import { readAttachment } from '../../src/lib/server/files/attachment-store';
import { letterheadPreview, letterPdf } from '../../src/lib/server/letterhead/letter.service';
import { letterhead, saveLetterhead } from '../../src/lib/server/letterhead/settings.service';
import { appealsWorld, inbound, receive } from '../support/appeals';
import { createTestDb, testContext, type TestContext, type TestDb } from '../support/db';
import { makeUser } from '../support/factories';

let t: TestDb;
let ctx: TestContext;
beforeEach(async () => {
  t = await createTestDb();
  resetEnv(t.env);
  ctx = testContext(t.db, '2026-03-02T09:00:00.000Z');
});
afterEach(() => t?.drop());

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  return (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, ' ');
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('letters on the official letterhead (seed 000 §3.5)', () => {
  it('the admin sets the letterhead; letters take gapless yearly numbers and are registered', async () => {
    const w = await appealsWorld(ctx);
    const admin = await makeUser(ctx, ['admin']);
    const operator = await makeUser(ctx, ['operator'], {
      name: 'Смирнова Анна Викторовна',
      unitIds: [w.unitId],
    });
    await expect(
      saveLetterhead(ctx, operator, {
        agencyName: '',
        requisites: '',
        signatoryName: '',
        signatoryPosition: '',
        numberPrefix: '',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      saveLetterhead(
        ctx,
        admin,
        {
          agencyName: '',
          requisites: '',
          signatoryName: '',
          signatoryPosition: '',
          numberPrefix: '',
        },
        { upload: new Uint8Array(Buffer.from('GIF89a not an emblem')) },
      ),
    ).rejects.toMatchObject({ message: 'letterhead.emblemType' });
    await saveLetterhead(
      ctx,
      admin,
      {
        agencyName: 'Министерство образования и науки Энской области',
        requisites: 'ул. Советская, д. 10, г. Энск',
        signatoryName: 'О. В. Белова',
        signatoryPosition: 'Заместитель министра',
        numberPrefix: '01-12/',
      },
      { upload: new Uint8Array(PNG) },
    );
    const head = await letterhead(t.db);
    expect(head).toMatchObject({ agencyNameSet: true, numberPrefix: '01-12/' });
    expect(await readAttachment(head.emblem!.sha256)).toEqual(PNG);

    const appeal = await receive(ctx, inbound(w.email));
    const text =
      'Мария Петровна, здравствуйте!\n\nШкола примет заявление о зачислении с 6 июля.\n\nОцените, пожалуйста, наш ответ: https://opros.example/s/abc';
    const draft = await letterPdf(ctx, operator, { appealId: appeal.appealId, text, draft: true });
    expect(draft.number).toBeNull();
    expect(await pdfText(draft.bytes)).toContain('ПРОЕКТ');

    const first = await letterPdf(ctx, operator, { appealId: appeal.appealId, text });
    const second = await letterPdf(ctx, operator, { appealId: appeal.appealId, text });
    expect([first.number, second.number]).toEqual(['01-12/1', '01-12/2']);
    expect(first.fileName).toMatch(/^Ответ на обращение 2026-\d{6}\.pdf$/);
    const content = await pdfText(first.bytes);
    for (const part of [
      'МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ ЭНСКОЙ ОБЛАСТИ',
      '02.03.2026 № 01-12/1',
      'Иванова Мария Петровна',
      'Школа примет заявление о зачислении с 6 июля.',
      'Заместитель министра',
      'О. В. Белова',
      'Исп.: Смирнова Анна Викторовна',
    ]) {
      expect(content).toContain(part);
    }
    expect(content).not.toContain('ПРОЕКТ');

    const register = await t.db.selectFrom('outgoing_letters').selectAll().orderBy('seq').execute();
    expect(register.map((r) => [r.year, r.seq, r.number, r.appeal_id])).toEqual([
      [2026, 1, '01-12/1', appeal.appealId],
      [2026, 2, '01-12/2', appeal.appealId],
    ]);
    expect(await readAttachment(register[0]!.file_sha256!)).toEqual(Buffer.from(first.bytes));

    ctx.clock.advance(365 * 86_400_000);
    const nextYear = await letterPdf(ctx, operator, { appealId: appeal.appealId, text });
    expect(nextYear.number).toBe('01-12/1');

    await expect(letterPdf(ctx, admin, { appealId: appeal.appealId, text })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      letterPdf(ctx, operator, { appealId: appeal.appealId, text: '  \n ' }),
    ).rejects.toMatchObject({ message: 'letterhead.textEmpty' });
    const sample = await pdfText((await letterheadPreview(ctx, admin)).bytes);
    expect(sample).toContain('Уважаемая Мария Ивановна!');
    expect(sample).toContain('ПРОЕКТ');
  });

  it('without settings: the configured agency name, the person answering signs', async () => {
    const w = await appealsWorld(ctx);
    const operator = await makeUser(ctx, ['operator'], {
      name: 'Смирнова Анна Викторовна',
      unitIds: [w.unitId],
    });
    const appeal = await receive(ctx, inbound(w.email));
    const file = await letterPdf(ctx, operator, {
      appealId: appeal.appealId,
      text: 'Текст письма.',
    });
    expect(file.number).toBe('1');
    const content = await pdfText(file.bytes);
    expect(content).toContain('Смирнова Анна Викторовна');
  });
});
