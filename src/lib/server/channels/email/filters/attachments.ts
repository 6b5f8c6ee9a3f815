import { putAttachment } from '../../../files/attachment-store';
import type { MailFilter } from './types';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1).replace('.', ',')} МБ`;

/**
 * Keeps each attachment on disk by its SHA-256; a file over the limit is recorded with its name
 * and size and a notice, so the operator knows to fetch it from the mailbox.
 */
export const attachmentsFilter: MailFilter = {
  name: 'attachments',
  async run(mail, { maxAttachmentBytes }) {
    if (mail.bounce) return;
    for (const file of mail.parsed.attachments) {
      const size = file.content.byteLength;
      if (mail.parsed.truncated) {
        const notice = `Файл «${file.name}» не сохранён: письмо прочитано не полностью.`;
        mail.attachments.push({
          name: file.name,
          contentType: file.contentType,
          size,
          sha256: null,
          notice,
        });
        continue;
      }
      if (size > maxAttachmentBytes) {
        const notice = `Файл «${file.name}» (${mb(size)}) больше допустимых ${mb(maxAttachmentBytes)} и не сохранён; он остался в почтовом ящике ${mail.mailbox.address}.`;
        mail.attachments.push({
          name: file.name,
          contentType: file.contentType,
          size,
          sha256: null,
          notice,
        });
        mail.notices.push(notice);
        continue;
      }
      mail.attachments.push({
        name: file.name,
        contentType: file.contentType,
        size,
        sha256: await putAttachment(file.content),
      });
    }
  },
};
