import { addressName } from '../../domain/clients/contacts';
import { profileFor, type Segment } from '../../domain/style/profiles';
import type { CheckOptions, CheckResult, Finding } from '../../domain/style/types';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { pendingSurveyUrl } from '../surveys/links.service';
import { checkerFor, currentLexicon } from './lexicon.service';

/** Accessibility notes of a client mapped to the checker's plain-language needs (seed 000 §4.13 p.4). */
const NEEDS: Record<string, string> = {
  language: 'limited_russian',
  digital: 'low_digital_skills',
};

/** How a reply to this appeal is checked: the client's name, their reading profile, the survey link. */
export async function replyCheckOptions(db: Db, appealId: number): Promise<CheckOptions> {
  const row = await db
    .selectFrom('appeals as a')
    .innerJoin('clients as c', 'c.id', 'a.client_id')
    .select([
      'c.surname',
      'c.first_name',
      'c.patronymic',
      'c.organization',
      'c.segment',
      'c.accessibility',
    ])
    .where('a.id', '=', appealId)
    .executeTakeFirstOrThrow();
  const needs = (JSON.parse(row.accessibility) as string[]).map((a) => NEEDS[a] ?? a);
  return {
    clientName:
      addressName({
        surname: row.surname,
        firstName: row.first_name,
        patronymic: row.patronymic,
        organization: row.organization,
      }) ?? undefined,
    profile: profileFor(row.segment as Segment, needs),
    // The link the next reply carries (issue 12): the composer shows it, the gate checks it.
    surveyUrl: await pendingSurveyUrl(db, appealId),
  };
}

export interface StyleOverride {
  rule: string;
  start: number;
  end: number;
  reason: string;
}

const same = (f: Finding, o: StyleOverride) =>
  f.rule === o.rule && f.start === o.start && f.end === o.end;

/**
 * The gate before anything is sent (issue 8): a reply with a `block` finding is refused unless a
 * supervisor overrode that very finding with a written reason.
 */
export async function gateReply(
  db: Db,
  text: string,
  options: CheckOptions,
  overrides: StyleOverride[],
): Promise<{ result: CheckResult; overridden: (Finding & { reason: string })[] }> {
  const { revision, lexicon } = await currentLexicon(db);
  const result = (await checkerFor(revision, lexicon)).check(text, options);
  const blocks = result.findings.filter((f) => f.severity === 'block');
  const overridden = blocks.flatMap((f) => {
    const o = overrides.find((x) => same(f, x) && x.reason.trim());
    return o ? [{ ...f, reason: o.reason.trim() }] : [];
  });
  const open = blocks.filter((f) => !overridden.some((o) => same(f, o)));
  if (open.length) {
    throw new DomainError('INVALID', 'style.blocked', {
      count: open.length,
      problems: open.map((f) => `«${f.text}» — ${f.message}`).join('; '),
    });
  }
  return { result, overridden };
}
