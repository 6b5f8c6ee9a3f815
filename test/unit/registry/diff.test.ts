import { describe, expect, it } from 'vitest';
import { diffRegistries } from '../../../src/lib/domain/registry/diff';
import { entry } from './entry';

const email = entry();
const phone = entry({
  touchpoint: 'Телефон горячей линии министерства',
  mode: 'offline',
  channel: 'phone',
  address: '+7 (4000) 20-30-40',
  needs: ['information', 'consultation'],
});
const form = entry({
  touchpoint: 'Веб-форма обращений на официальном сайте',
  channel: 'webform',
  address: 'https://minobr.otklik.example/obrashchenie',
});

describe('comparing two versions of the registry', () => {
  it('finds nothing between equal versions, whatever the order of rows and needs', () => {
    const reordered = [
      { ...phone, needs: ['consultation', 'information'] as typeof phone.needs },
      email,
    ];
    expect(diffRegistries([email, phone], reordered)).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('reports a changed needs field, field by field', () => {
    const after = { ...email, needs: [...email.needs, 'feedback' as const] };
    const diff = diffRegistries([email, phone], [after, phone]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        key: {
          process: 'Рассмотрение обращений граждан',
          touchpoint: 'Электронная почта министерства',
        },
        before: email,
        after,
        fields: [
          { field: 'needs', before: ['submit', 'result'], after: ['submit', 'result', 'feedback'] },
        ],
      },
    ]);
  });

  it('lists added and removed rows keyed by process and touchpoint', () => {
    const diff = diffRegistries([email, phone], [email, form]);
    expect(diff.added).toEqual([form]);
    expect(diff.removed).toEqual([phone]);
    expect(diff.changed).toEqual([]);
  });

  it('shows several changed fields of one row in the form’s column order', () => {
    const after = {
      ...phone,
      specifics: 'Не более двух переключений.',
      address: '+7 (4000) 20-30-41',
    };
    expect(diffRegistries([phone], [after]).changed[0]?.fields).toEqual([
      { field: 'address', before: '+7 (4000) 20-30-40', after: '+7 (4000) 20-30-41' },
      { field: 'specifics', before: null, after: 'Не более двух переключений.' },
    ]);
  });

  it('ignores whitespace and shows a process moved to another area as an area change', () => {
    const moved = { ...email, area: 'Кадровый блок', specifics: '  ' };
    expect(diffRegistries([email], [{ ...email, process: ` ${email.process}  ` }]).changed).toEqual(
      [],
    );
    expect(diffRegistries([email], [moved]).changed[0]?.fields).toEqual([
      { field: 'area', before: 'Рассмотрение обращений и запросов', after: 'Кадровый блок' },
    ]);
  });

  it('pairs rows within their area when a process name recurs in two areas', () => {
    const hr = entry({ area: 'Кадровый блок', specifics: 'Старый текст' });
    const hrAfter = { ...hr, specifics: 'Новый текст' };
    const diff = diffRegistries([email, hr], [hrAfter, email]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.before).toBe(hr);
  });

  it('compares against an empty registry as all added', () => {
    expect(diffRegistries([], [email, phone]).added).toEqual([email, phone]);
  });
});
