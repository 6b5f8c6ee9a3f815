import { publishChecks, type TemplateKind } from '../../domain/templates/lifecycle';
import { parseBody, type VariableProblem } from '../../domain/templates/parse';
import { renderBody, toBodyRange } from '../../domain/templates/render';
import { sampleValues, token, type VariableName } from '../../domain/templates/variables';
import type { Finding } from '../../domain/style/types';
import type { Db } from '../db';
import { surveyUrl, trackingUrl } from '../http/public-url';
import { agencyName } from '../letterhead/settings.service';
import { checkerFor, currentLexicon } from '../style/lexicon.service';

export interface TemplateCheck {
  /** Unknown or broken variables: the template cannot even be saved. */
  variables: VariableProblem[];
  /** The body filled in for a sample appeal. */
  sample: string;
  /** Fragment rules on the body; offsets point into the body. */
  fragment: Finding[];
  /** Whole-reply rules on the sample reply; offsets point into `sample`. */
  whole: Finding[];
  blocking: number;
  /** Whether this kind's publish checks pass. */
  passes: boolean;
}

const SAMPLE_TOKEN = 'obrazets';

/** A sample appeal's values: the agency's own name and links as they will look in a reply. */
export async function sampleFor(db: Db) {
  return sampleValues({
    agency: await agencyName(db),
    survey: surveyUrl(SAMPLE_TOKEN),
    tracking: trackingUrl(SAMPLE_TOKEN),
  });
}

const key = (f: Pick<Finding, 'rule' | 'start' | 'end'>) => `${f.rule}:${f.start}:${f.end}`;

/** The checker speaks of the sample appeal; the editor writes variables, so say those. */
function inTokens(f: Finding, values: Record<VariableName, string>): Finding {
  let { message, suggestion } = f;
  for (const [name, value] of Object.entries(values) as [VariableName, string][]) {
    if (value.length < 5) continue;
    message = message.replaceAll(value, token(name));
    suggestion = suggestion?.replaceAll(value, token(name));
  }
  return { ...f, message, suggestion };
}

/**
 * The checklist of a template (issue 9): the body's own words are checked as a fragment, and a
 * reply template filled in for a sample appeal must also pass as a whole reply (greeting by name,
 * survey link, structure, length). A `block` finding anywhere stops publication. The agency's
 * dictionary in force applies, as it does at the gate before sending.
 */
export async function checkTemplate(
  db: Db,
  kind: TemplateKind,
  body: string,
): Promise<TemplateCheck> {
  const { problems } = parseBody(body);
  const values = await sampleFor(db);
  const rendered = renderBody(body, values);
  const checks = publishChecks(kind);
  const { revision, lexicon } = await currentLexicon(db);
  const checker = await checkerFor(revision, lexicon);
  const fragment = checks.fragment
    ? checker.check(rendered.text, { fragment: true }).findings.map((f) => {
        const range = toBodyRange(rendered.spans, f.start, f.end);
        return { ...f, ...range, text: body.slice(range.start, range.end) };
      })
    : [];
  let whole: Finding[] = [];
  let wholeBlocks = 0;
  if (checks.whole) {
    const all = checker.check(rendered.text, {
      clientName: values['client.firstNamePatronymic'],
      surveyUrl: values['links.survey'],
    }).findings;
    wholeBlocks = all.filter((f) => f.severity === 'block').length;
    const inFragment = new Set(fragment.map(key));
    whole = all.filter(
      (f) => !inFragment.has(key({ rule: f.rule, ...toBodyRange(rendered.spans, f.start, f.end) })),
    );
  }
  const fragmentBlocks = fragment.filter((f) => f.severity === 'block').length;
  const blocking =
    problems.length + fragmentBlocks + whole.filter((f) => f.severity === 'block').length;
  return {
    variables: problems,
    sample: rendered.text,
    fragment: fragment.map((f) => inTokens(f, values)),
    whole: whole.map((f) => inTokens(f, values)),
    blocking,
    passes: problems.length === 0 && fragmentBlocks === 0 && wholeBlocks === 0,
  };
}
