import PDFDocument from 'pdfkit';
import { FONTS } from './fonts';

export interface LetterData {
  agencyName: string;
  emblem: Uint8Array | null;
  requisites: string;
  /** Null on a preview: no number is taken until the letter is sent. */
  number: string | null;
  date: string;
  /** «На № … от …»: the appeal this letter answers. */
  reference: { number: string; date: string } | null;
  addressee: string[];
  text: string;
  signatory: { position: string; name: string };
  executor: string | null;
  title: string;
}

const MM = 72 / 25.4;
/** GOST R 7.0.97-2016 margins: left 20 mm at least, right 10 mm, top and bottom 20 mm. */
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 12 * MM };
const STAMP_WIDTH = 85 * MM;
const INDENT = 12.5 * MM;
const BODY_SIZE = 12;

/** A paragraph with a link is not justified: the address cannot stretch. */
const URL = /https?:\/\//;

const SALUTATION = /^(?:Уважаем\p{L}+\s.+!|.+,\s+здравствуйте!|Здравствуйте[,!].*)$/u;

/** The reply's paragraphs: blank lines part them, single line breaks stay within one. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * A letter on the agency's letterhead (seed 000 §3.5): the corner stamp with emblem, name and
 * requisites, the outgoing number and date, the addressee, the text, the signatory. A preview
 * has no number and carries «ПРОЕКТ» across each page.
 */
export function renderLetter(data: LetterData): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    font: FONTS.regular,
    bufferPages: true,
    info: { Title: data.title, Author: data.agencyName, Creator: 'Otklik' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const left = MARGINS.left;
  const right = doc.page.width - MARGINS.right;
  const top = MARGINS.top;
  const stamp = { align: 'center' as const, width: STAMP_WIDTH };

  doc.y = top;
  if (data.emblem) {
    const size = 15 * MM;
    doc.image(Buffer.from(data.emblem), left + (STAMP_WIDTH - size) / 2, top, {
      fit: [size, size],
      align: 'center',
    });
    doc.y = top + size + 4;
  }
  doc.font('bold').fontSize(10.5).text(data.agencyName.toUpperCase(), left, doc.y, stamp);
  doc.moveDown(0.3);
  const requisites = data.requisites.trim();
  if (requisites) doc.font('regular').fontSize(8).text(requisites, left, doc.y, stamp);
  doc.moveDown(0.8);
  const blank = '____________';
  doc
    .font('regular')
    .fontSize(10)
    .text(`${data.date} № ${data.number ?? blank}`, left, doc.y, stamp);
  if (data.reference) {
    doc.text(`На № ${data.reference.number} от ${data.reference.date}`, left, doc.y + 2, stamp);
  }
  const stampBottom = doc.y;

  const addresseeLeft = left + STAMP_WIDTH + 15 * MM;
  doc
    .font('regular')
    .fontSize(BODY_SIZE)
    .text(data.addressee.join('\n'), addresseeLeft, top + 12, {
      width: right - addresseeLeft,
    });
  const headBottom = Math.max(stampBottom, doc.y);

  doc.y = headBottom + 14 * MM;
  const width = right - left;
  paragraphs(data.text).forEach((p, i) => {
    const salutation = i === 0 && SALUTATION.test(p);
    doc
      .font('regular')
      .fontSize(BODY_SIZE)
      .text(p, left, doc.y, {
        width,
        align: salutation ? 'center' : URL.test(p) ? 'left' : 'justify',
        indent: salutation ? 0 : INDENT,
        lineGap: 2,
        paragraphGap: 6,
      });
  });

  doc.moveDown(2);
  const signY = doc.y;
  const positionWidth = width * 0.55;
  if (data.signatory.position) {
    doc.text(data.signatory.position, left, signY, { width: positionWidth });
  }
  const nameY = data.signatory.position ? doc.y - doc.currentLineHeight(true) : signY;
  doc.text(data.signatory.name, left + positionWidth, nameY, {
    width: width - positionWidth,
    align: 'right',
  });

  if (data.executor) {
    doc.fontSize(8);
    const bottom = doc.page.height - MARGINS.bottom - doc.currentLineHeight(true);
    if (doc.y + 24 > bottom) doc.addPage();
    // Written into the bottom margin's edge, so pdfkit must not start a page for it.
    doc.page.margins.bottom = 0;
    doc.text(data.executor, left, bottom, { width, lineBreak: false });
    doc.page.margins.bottom = MARGINS.bottom;
  }

  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    if (i > pages.start) {
      doc
        .font('regular')
        .fontSize(9)
        .text(String(i - pages.start + 1), left, MARGINS.top / 2, {
          width,
          align: 'center',
          lineBreak: false,
        });
    }
    if (!data.number) {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font('bold')
        .fontSize(96)
        .fillColor('#000000', 0.08)
        .text('ПРОЕКТ', 0, doc.page.height / 2 - 48, {
          width: doc.page.width,
          align: 'center',
          lineBreak: false,
        });
      doc.restore();
    }
  }
  doc.end();
  return done;
}
