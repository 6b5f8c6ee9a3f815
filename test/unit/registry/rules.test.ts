import { describe, expect, it } from 'vitest';
import {
  issueText,
  ISSUE_CODES,
  type RegistryIssue,
} from '../../../src/lib/domain/registry/messages';
import { CHANNEL_MODE } from '../../../src/lib/domain/registry/modes';
import {
  LIMITS,
  normalizeEntry,
  validateEntry,
  validateRegistry,
} from '../../../src/lib/domain/registry/rules';
import { CHANNELS, type RegistryEntry } from '../../../src/lib/domain/registry/vocabulary';
import { entry } from './entry';

const codes = (issues: RegistryIssue[]) => issues.map((i) => i.code);
const errors = (issues: RegistryIssue[]) => issues.filter((i) => i.severity === 'error');

describe('one registry row', () => {
  it('accepts a complete row without findings', () => {
    expect(validateEntry(entry())).toEqual([]);
  });

  it.each(['area', 'process', 'touchpoint'] as const)(
    'requires %s, blank counts as empty',
    (field) => {
      const issues = validateEntry(entry({ [field]: '   \n ' }), 4);
      expect(issues).toEqual([
        { code: 'registry.required', severity: 'error', index: 4, field, params: { field } },
      ]);
    },
  );

  it('measures lengths after trimming', () => {
    const fits = `  ${'а'.repeat(LIMITS.touchpoint)}  `;
    expect(validateEntry(entry({ touchpoint: fits }))).toEqual([]);
    const [issue] = validateEntry(entry({ touchpoint: 'а'.repeat(LIMITS.touchpoint + 1) }));
    expect(issue?.code).toBe('registry.tooLong');
    expect(issueText(issue!)).toBe(
      `Поле «Точка взаимодействия» длиннее допустимого: ${LIMITS.touchpoint + 1} знаков при пределе ${LIMITS.touchpoint}. Сократите текст.`,
    );
  });

  it('requires at least one need (seed 000 §4.9)', () => {
    const issues = validateEntry(entry({ needs: [] }));
    expect(codes(issues)).toEqual(['registry.noNeeds']);
    expect(issueText(issues[0]!)).toBe(
      'Укажите хотя бы одну удовлетворяемую потребность клиента в этой точке взаимодействия.',
    );
  });

  it('takes needs from the nine of seed 000 §4.9 only', () => {
    const bad = entry({ needs: ['submit', 'complaint' as never] });
    expect(errors(validateEntry(bad)).map((i) => i.params)).toEqual([{ value: 'complaint' }]);
  });

  it('asks for text when «other» is ticked, and for the tick when text is given', () => {
    expect(codes(validateEntry(entry({ needs: ['other'], needsOther: '  ' })))).toEqual([
      'registry.otherWithoutText',
    ]);
    expect(
      codes(validateEntry(entry({ needs: ['submit'], needsOther: 'Запись на приём' }))),
    ).toEqual(['registry.textWithoutOther']);
    expect(validateEntry(entry({ needs: ['other'], needsOther: 'Запись на приём' }))).toEqual([]);
  });

  it('warns when the «other» text is in fact a standard need', () => {
    const issues = validateEntry(entry({ needs: ['other'], needsOther: 'Консультирование' }));
    expect(issues).toMatchObject([
      { code: 'registry.otherIsStandard', severity: 'warning', params: { need: 'consultation' } },
    ]);
    expect(issueText(issues[0]!)).toBe(
      'Текст «Консультирование» совпадает со стандартной потребностью «получение консультации» — отметьте её вместо описания в «других».',
    );
  });

  it('warns about a need given twice', () => {
    expect(validateEntry(entry({ needs: ['submit', 'submit'] }))).toMatchObject([
      { code: 'registry.duplicateNeed', severity: 'warning' },
    ]);
  });

  it('rejects values outside the vocabularies', () => {
    const bad = entry({
      mode: 'hybrid' as never,
      channel: 'fax' as never,
      areaClientKind: 'x' as never,
    });
    expect(validateEntry(bad).map((i) => [i.code, i.field])).toEqual([
      ['registry.invalidValue', 'mode'],
      ['registry.invalidValue', 'channel'],
      ['registry.invalidValue', 'areaClientKind'],
    ]);
  });

  it('keeps a phone line offline, as all three orders list it (seed 000 §3.3, 004 §8, 001 §4.2)', () => {
    const phone = entry({ channel: 'phone', address: '+7 (4000) 20-30-40', mode: 'online' });
    const issues = validateEntry(phone);
    expect(issues).toMatchObject([
      { code: 'registry.modeMismatch', severity: 'error', params: { expected: 'offline' } },
    ]);
    expect(issueText(issues[0]!)).toBe(
      'Канал «телефонная связь» относится к офлайн-точкам, а точка отмечена как онлайн.',
    );
    expect(validateEntry({ ...phone, mode: 'offline' })).toEqual([]);
  });

  it('fixes the mode of every channel but «other»', () => {
    const online = CHANNELS.filter((c) => CHANNEL_MODE[c] === 'online');
    const offline = CHANNELS.filter((c) => CHANNEL_MODE[c] === 'offline');
    expect(online).toEqual([
      'email',
      'webform',
      'portal',
      'social',
      'messenger',
      'chatbot',
      'edms',
      'video',
    ]);
    expect(offline).toEqual(['phone', 'post', 'in_person']);
    for (const mode of ['online', 'offline'] as const) {
      expect(validateEntry(entry({ channel: 'other', mode, address: null }))).toEqual([]);
    }
  });

  it('warns about a missing or odd address without blocking', () => {
    expect(validateEntry(entry({ address: null }))).toMatchObject([
      { code: 'registry.addressMissing', severity: 'warning' },
    ]);
    expect(validateEntry(entry({ address: 'общий ящик' }))).toMatchObject([
      { code: 'registry.addressNotEmail', severity: 'warning' },
    ]);
  });

  it('warns when a process for internal clients sits in an area for external ones', () => {
    expect(validateEntry(entry({ processClientKind: 'internal' }))).toMatchObject([
      { code: 'registry.clientKindMismatch', severity: 'warning' },
    ]);
  });

  it('normalizes spacing, empties and the order of needs without dropping anything', () => {
    const n = normalizeEntry(
      entry({
        area: '  Рассмотрение   обращений\tи запросов ',
        unit: '  ',
        needs: ['result', 'submit', 'result'],
        specifics: '  Первая строка  \n\n\n\n  вторая  ',
      }),
    );
    expect(n.area).toBe('Рассмотрение обращений и запросов');
    expect(n.unit).toBeNull();
    expect(n.needs).toEqual(['submit', 'result']);
    expect(n.specifics).toBe('Первая строка\n\nвторая');
  });

  it('has a Russian text for every code', () => {
    for (const code of ISSUE_CODES) {
      const text = issueText({ code, params: {} });
      expect(text, code).toMatch(/[а-яё]/i);
    }
  });
});

describe('the whole registry', () => {
  const email = entry();
  const phone = entry({
    touchpoint: 'Телефон горячей линии министерства',
    mode: 'offline',
    channel: 'phone',
    address: '+7 (4000) 20-30-40',
    needs: ['information', 'consultation'],
  });

  it('passes a consistent list', () => {
    expect(validateRegistry([email, phone])).toEqual({ ok: true, issues: [] });
  });

  it('allows one row per touchpoint within a process (seed 000 §4.11)', () => {
    const again = entry({ touchpoint: ' электронная  почта министерства', needs: ['information'] });
    const result = validateRegistry([email, phone, again]);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      {
        code: 'registry.duplicateTouchpoint',
        severity: 'error',
        index: 2,
        field: 'touchpoint',
        params: {
          area: 'Рассмотрение обращений и запросов',
          process: 'Рассмотрение обращений граждан',
          touchpoint: 'электронная почта министерства',
          firstRow: 1,
        },
      },
    ]);
    expect(issueText(result.issues[0]!)).toBe(
      'Точка «электронная почта министерства» уже указана в процессе «Рассмотрение обращений граждан» (строка 1). В одном процессе точка указывается один раз, а этапы взаимодействия раскрываются как потребности клиента в этой строке.',
    );
  });

  it('numbers rows as the caller does, e.g. file rows of an import', () => {
    const result = validateRegistry([email, email], { rowNumber: (i) => i + 3 });
    expect(result.issues[0]?.params.firstRow).toBe(3);
  });

  it('lets the same touchpoint serve another process', () => {
    const other = entry({ process: 'Рассмотрение запросов о предоставлении информации' });
    expect(validateRegistry([email, other]).ok).toBe(true);
  });

  it('describes a touchpoint the same way in every process', () => {
    const other = entry({
      process: 'Рассмотрение запросов о предоставлении информации',
      address: 'info@otklik.example',
    });
    const { ok, issues } = validateRegistry([email, other]);
    expect(ok).toBe(false);
    expect(issues).toMatchObject([
      { code: 'registry.touchpointConflict', index: 1, field: 'address', params: { firstRow: 1 } },
    ]);
    expect(issueText(issues[0]!)).toContain('«obr@otklik.example» и «info@otklik.example»');
  });

  it('keeps one unit and client kind per process and one client kind per area', () => {
    const moved = { ...phone, unit: 'Пресс-служба', areaClientKind: 'internal' as const };
    const { issues } = validateRegistry([email, moved]);
    expect(issues.map((i) => [i.code, i.field])).toEqual([
      ['registry.clientKindMismatch', 'processClientKind'],
      ['registry.areaConflict', 'areaClientKind'],
      ['registry.processConflict', 'unit'],
    ]);
  });

  it('warns when a process name appears under two areas', () => {
    const elsewhere = entry({ area: 'Кадровый блок' });
    const { ok, issues } = validateRegistry([email, elsewhere]);
    expect(ok).toBe(true);
    expect(issues).toMatchObject([{ code: 'registry.processInSeveralAreas', index: 1 }]);
  });

  it('rejects an empty list', () => {
    expect(validateRegistry([])).toMatchObject({ ok: false, issues: [{ code: 'registry.empty' }] });
  });

  it('never drops a row, however little used the touchpoint is (seed 000 §4.7)', () => {
    const stand = entry({
      touchpoint: 'Информационный стенд в холле министерства',
      mode: 'offline',
      channel: 'other',
      address: null,
      needs: ['information'],
      specifics: 'Обращений не было за весь год.',
    });
    const list: RegistryEntry[] = [email, stand];
    const result = validateRegistry(list);
    expect(result).toEqual({ ok: true, issues: [] });
    expect(list).toHaveLength(2);
  });
});
