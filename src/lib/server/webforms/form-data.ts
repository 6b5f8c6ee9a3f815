import { pickLocale } from '../../i18n/messages';
import { FIELD_KEYS } from '../../domain/webforms/fields';
import type { Values } from '../../domain/webforms/validate';
import type { Submission, UploadedFile } from './submit.service';

export const HONEYPOT = 'website';

function str(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === 'string' ? v : '';
}

/** A posted form as the service takes it; files stay bytes, everything else plain strings. */
export function readSubmission(data: FormData, slug: string, address: string) {
  const values: Values = {};
  for (const key of FIELD_KEYS) {
    if (key !== 'attachments') values[key] = str(data, key).replace(/\r\n/g, '\n');
  }
  values.processId = str(data, 'processId');
  return {
    slug,
    values,
    consent: str(data, 'consent') === 'yes',
    honeypot: str(data, HONEYPOT),
    address,
    language: pickLocale(str(data, 'lang')),
    submissionId: str(data, 'submissionId') || null,
    files: data.getAll('attachments').filter((f): f is File => typeof f !== 'string'),
  } satisfies Omit<Submission, 'files'> & { files: File[] };
}

export async function readFiles(files: File[]): Promise<UploadedFile[]> {
  return Promise.all(
    files
      .filter((f) => f.name || f.size)
      .map(async (f) => ({
        name: f.name,
        type: f.type,
        bytes: new Uint8Array(await f.arrayBuffer()),
      })),
  );
}
