import fs from 'node:fs';
import path from 'node:path';
import type { Sample } from '../../domain/classify/bayes';
import type { Db } from '../db';

/** The labelled demo appeals (test/fixtures/classify/*.json), labelled by process name. */
export function loadLabelledSet(dir = path.resolve('test/fixtures/classify')): Sample[] {
  const out: Sample[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
      process: string;
      appeals: string[];
    };
    for (const text of data.appeals) out.push({ text, label: data.process });
  }
  return out;
}

/** The labelled set with process names replaced by this database's process ids; unknown names are skipped. */
export async function labelledSamplesFor(db: Db): Promise<Sample[]> {
  const ids = new Map(
    (await db.selectFrom('processes').select(['id', 'name']).execute()).map((p) => [p.name, p.id]),
  );
  return loadLabelledSet().flatMap((s) =>
    ids.has(s.label) ? [{ text: s.text, label: String(ids.get(s.label)) }] : [],
  );
}
