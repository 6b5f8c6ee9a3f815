import { describe, expect, it } from 'vitest';
import registry from '../../../db/seed/registry.json';
import { NOTICE_DEFAULTS, NOTICES } from '../../../src/lib/domain/deadlines/notices';
import { publishChecks } from '../../../src/lib/domain/templates/lifecycle';
import { parseBody } from '../../../src/lib/domain/templates/parse';
import { renderBody } from '../../../src/lib/domain/templates/render';
import { sampleValues } from '../../../src/lib/domain/templates/variables';
import { testChecker } from '../style/checker-instance';

const values = sampleValues({
  agency: registry.agency,
  survey: 'http://localhost:3000/s/obrazets',
  tracking: 'http://localhost:3000/t/obrazets',
});

describe('notices to the client (issue 10)', () => {
  it('are checked as replies: greeting by name and survey link required', () => {
    expect(publishChecks('notice')).toEqual({ fragment: true, whole: true });
  });

  it.each(NOTICES)('«%s» passes the style checklist with no finding above info', async (notice) => {
    const checker = await testChecker();
    const { body } = NOTICE_DEFAULTS[notice];
    expect(parseBody(body).problems).toEqual([]);
    const text = renderBody(body, values).text;
    expect(text).toContain(values['links.survey']);
    expect(text).toContain(values['appeal.number']);
    const findings = [
      ...checker.check(text, { fragment: true }).findings,
      ...checker.check(text, {
        clientName: values['client.firstNamePatronymic'],
        surveyUrl: values['links.survey'],
      }).findings,
    ].filter((f) => f.severity !== 'info');
    expect(findings.map((f) => `${f.rule} «${f.text}» ${f.message}`)).toEqual([]);
  });

  it('name the reason and the body forwarded to where the law requires it', () => {
    expect(NOTICE_DEFAULTS.extended.body).toContain('{{notice.reason}}');
    expect(NOTICE_DEFAULTS.deferred.body).toContain('{{notice.reason}}');
    expect(NOTICE_DEFAULTS.extended.body).toContain('{{appeal.answerDue}}');
    expect(NOTICE_DEFAULTS.deferred.body).toContain('{{appeal.answerDue}}');
    expect(NOTICE_DEFAULTS.forwarded.body).toContain('{{notice.forwardedTo}}');
  });
});
