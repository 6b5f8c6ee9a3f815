/** Client letters for the fault tests: plain, or with a small attachment of their own. */
export function letter(
  prefix: string,
  i: number,
  o: { attachment?: Buffer | string; sender?: number } = {},
) {
  const sender = o.sender ?? i;
  const head = [
    `From: Client ${sender} <${prefix}${sender}@mail.example>`,
    'To: obr@otklik.example',
    `Subject: ${prefix} question ${i}`,
    `Message-ID: <${prefix}-${i}@mail.example>`,
  ];
  if (o.attachment === undefined) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', '', `Вопрос номер ${i}.`].join(
      '\r\n',
    );
  }
  const bytes = Buffer.from(o.attachment);
  const b64 = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    ...head,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Вопрос номер ${i}, справка во вложении.`,
    '--b1',
    `Content-Type: application/pdf; name="spravka-${i}.pdf"`,
    `Content-Disposition: attachment; filename="spravka-${i}.pdf"`,
    'Content-Transfer-Encoding: base64',
    '',
    b64,
    '--b1--',
    '',
  ].join('\r\n');
}

/** `n` letters, `perSender` in a row from each client; every third has an attachment. */
export function letters(prefix: string, n: number, perSender = 1) {
  return Array.from({ length: n }, (_, i) =>
    letter(prefix, i, {
      sender: Math.floor(i / perSender),
      ...(i % 3 === 0 ? { attachment: `%PDF-1.4 справка ${prefix} ${i}` } : {}),
    }),
  );
}
