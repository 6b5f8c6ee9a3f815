import type { Need, RegistryEntry } from '../../../domain/registry/vocabulary';
import { COLUMN_TITLES, findRegistryHeader, isNumberingRow, type RegistryColumn } from './columns';
import { factsResolver } from './reference-lookup';
import { cleanName, cleanText, referenceKey } from './text';
import type { ParsedEntries, ParsedTable, ReferenceLookup, RegistryProblem } from './types';

export interface EntryMappingDeps {
  /** Turns the text of column 5 into the standard needs of seed 000 §4.9 and the rest. */
  matchNeeds(text: string): { needs: Need[]; needsOther: string | null };
  reference?: ReferenceLookup;
}

const LEADING_NUMBER = /^\d+(?:\.\d+)*[.)]?\s*/;

/**
 * Map the form's rows to registry entries. A blank area carries down from the row above, and a
 * row with an area and nothing else opens a group, as hand-made sheets do. Only parsing and
 * mapping: the registry rules are checked by the caller.
 */
export function tableToEntries(table: ParsedTable, deps: EntryMappingDeps): ParsedEntries {
  const result: ParsedEntries = { entries: [], problems: [...table.problems] };
  const problem = (p: RegistryProblem) => result.problems.push(p);
  if (table.format === null) return result;

  const header = findRegistryHeader(table.rows);
  if (!header) {
    problem({
      rowNumber: table.rows[0]?.rowNumber ?? 1,
      code: 'no_header',
      message: `Не найдена строка заголовка перечня. Файл должен быть составлен по форме: столбцы «${COLUMN_TITLES.area}», «${COLUMN_TITLES.process}», «${COLUMN_TITLES.touchpoint}», «${COLUMN_TITLES.needs}».`,
    });
    return result;
  }
  const hasNeeds = header.columns.needs !== undefined;
  if (!hasNeeds) {
    problem({
      rowNumber: header.rowNumber,
      column: COLUMN_TITLES.needs,
      code: 'no_needs_column',
      message: `В заголовке нет столбца «${COLUMN_TITLES.needs}»: удовлетворяемые потребности клиента не будут загружены.`,
    });
  }

  const facts = factsResolver(table.reference, deps.reference);
  const firstRowOf = new Map<string, number>();
  let area: string | null = null;

  for (const row of table.rows.slice(header.index + 1)) {
    if (isNumberingRow(row.cells) || findRegistryHeader([row])) continue;
    const cell = (column: RegistryColumn) => {
      const index = header.columns[column];
      return index === undefined ? '' : (row.cells[index] ?? '');
    };
    const missing = (column: RegistryColumn, code: RegistryProblem['code'], what: string) =>
      problem({
        rowNumber: row.rowNumber,
        column: COLUMN_TITLES[column],
        code,
        message: `Строка ${row.rowNumber}: не заполнен столбец «${COLUMN_TITLES[column]}» — ${what}.`,
      });

    const process = cleanName(cell('process'));
    const touchpoint = cleanName(cell('touchpoint'));
    const needsText = cleanText(cell('needs'));
    const specifics = cleanText(cell('specifics'));
    const hasRowContent =
      process !== '' || touchpoint !== '' || needsText !== null || specifics !== null;
    const areaCell = cleanName(cell('area'));
    const numberCell = cleanName(cell('number'));
    if (areaCell !== '') area = areaCell;
    else if (!hasRowContent && /\p{L}/u.test(numberCell))
      area = numberCell.replace(LEADING_NUMBER, '');
    if (!hasRowContent) continue;

    if (area === null) {
      missing(
        'area',
        'missing_area',
        'направление деятельности не указано ни в этой строке, ни выше',
      );
      continue;
    }
    if (process === '') missing('process', 'missing_process', 'укажите наименование процесса');
    if (touchpoint === '')
      missing('touchpoint', 'missing_touchpoint', 'укажите точку взаимодействия');
    if (hasNeeds && needsText === null) {
      missing('needs', 'missing_needs', 'укажите хотя бы одну удовлетворяемую потребность клиента');
    }
    if (process === '' || touchpoint === '' || (hasNeeds && needsText === null)) continue;

    const key = referenceKey(area, process, touchpoint);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      problem({
        rowNumber: row.rowNumber,
        column: COLUMN_TITLES.touchpoint,
        code: 'duplicate_row',
        message: `Строка ${row.rowNumber}: точка взаимодействия «${touchpoint}» уже указана для процесса «${process}» в строке ${first}. Точки в рамках одного процесса не дублируются: этапы взаимодействия описываются потребностями клиента в одной строке (п. 4.11 порядка).`,
      });
      continue;
    }
    firstRowOf.set(key, row.rowNumber);

    const processFacts = facts.process(area, process);
    const touchpointFacts = facts.touchpoint(touchpoint);
    const needs = needsText === null ? { needs: [], needsOther: null } : deps.matchNeeds(needsText);
    const entry: RegistryEntry = {
      area,
      areaClientKind: facts.area(area),
      process,
      processClientKind: processFacts.clientKind,
      unit: processFacts.unit,
      touchpoint,
      mode: touchpointFacts.mode,
      channel: touchpointFacts.channel,
      address: touchpointFacts.address,
      needs: needs.needs,
      needsOther: needs.needsOther,
      specifics,
    };
    result.entries.push({ rowNumber: row.rowNumber, entry });
  }
  return result;
}
