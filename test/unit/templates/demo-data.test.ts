import { describe, expect, it } from 'vitest';
import registry from '../../../db/seed/registry.json';
import { DEMO_TEMPLATES } from '../../../db/seed/templates.data';
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

describe('demo knowledge base (issue 9)', () => {
  it('has at least 25 reply templates and 5 scripts, on processes and touchpoints of the demo registry', () => {
    const count = (kind: string) => DEMO_TEMPLATES.filter((t) => t.kind === kind).length;
    expect(count('reply')).toBeGreaterThanOrEqual(25);
    expect(count('script')).toBeGreaterThanOrEqual(5);
    const processes = new Set(registry.entries.map((e) => e.process));
    const touchpoints = new Set(registry.touchpoints.map((t) => t.name));
    for (const t of DEMO_TEMPLATES) {
      for (const p of t.processes) expect(processes, `${t.title}: ${p}`).toContain(p);
      for (const tp of t.touchpoints ?? []) expect(touchpoints, `${t.title}: ${tp}`).toContain(tp);
    }
    const covered = new Set(
      DEMO_TEMPLATES.filter((t) => t.kind === 'reply').flatMap((t) => t.processes),
    );
    expect([...processes].filter((p) => !covered.has(p))).toEqual([]);
  });

  it('every reply and script passes the checklist with no finding above info', async () => {
    const checker = await testChecker();
    for (const t of DEMO_TEMPLATES) {
      expect(parseBody(t.body).problems, t.title).toEqual([]);
      const text = renderBody(t.body, values).text;
      const checks = publishChecks(t.kind);
      const findings = [
        ...(checks.fragment ? checker.check(text, { fragment: true }).findings : []),
        ...(checks.whole
          ? checker.check(text, {
              clientName: values['client.firstNamePatronymic'],
              surveyUrl: values['links.survey'],
            }).findings
          : []),
      ].filter((f) => f.severity !== 'info');
      expect(
        findings.map((f) => `${f.rule} «${f.text}»`),
        t.title,
      ).toEqual([]);
    }
  });
});
