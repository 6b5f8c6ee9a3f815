import ExcelJS from 'exceljs';
import { FIGURES } from '../../domain/metrics/figures';
import { figureCellValue } from '../../domain/metrics/format';
import { isMessageKey, translator, type MessageKey } from '../../i18n/messages';
import type { Actor, ServiceContext } from '../context';
import { HEADER_FILL, THIN_BORDER } from '../registry/formats/xlsx-style';
import { metricsReport, type Dimension, type SliceFilter } from './metrics.service';
import type { Period } from '../../domain/metrics/period';

const t = translator('ru');
const label = (key: string) => t(key as MessageKey);
const channelLabel = (c: string) => {
  const key = `registry.channel.${c}`;
  return isMessageKey(key) ? t(key) : c || t('metrics.none');
};

function numFmt(kind: string): string {
  return kind === 'share' ? '0.0%' : kind === 'count' ? '#,##0' : '0.00';
}

/** The metrics page as a workbook: the figures per dimension value, then the figures per day. */
export async function exportMetricsXlsx(
  ctx: ServiceContext,
  actor: Actor,
  q: { period: Period; dimension: Dimension; filter: SliceFilter },
): Promise<{ fileName: string; body: Buffer }> {
  const report = await metricsReport(ctx, actor, q);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Otklik';
  const header = (sheet: ExcelJS.Worksheet, first: string) => {
    const row = sheet.addRow([
      first,
      ...FIGURES.map(
        (f) => `${label(`metrics.fig.${f.key}`)}${f.kind === 'duration' ? ', ч' : ''}`,
      ),
    ]);
    row.font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
    row.eachCell((c) => {
      c.fill = HEADER_FILL;
      c.border = THIN_BORDER;
    });
    sheet.getColumn(1).width = 44;
    FIGURES.forEach((f, i) => {
      const col = sheet.getColumn(i + 2);
      col.width = 14;
      col.numFmt = numFmt(f.kind);
    });
    sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  };
  const values = (figs: (typeof report)['total']) =>
    FIGURES.map((f) => figureCellValue(f.kind, figs[f.key]));

  const main = wb.addWorksheet('Показатели');
  main.addRow([
    `${label('metrics.title')}: ${q.period.from} — ${q.period.to}; ${label('metrics.dimension')}: ${label(`metrics.dim.${q.dimension}`)}`,
  ]);
  header(main, label(`metrics.dim.${q.dimension}`));
  for (const r of report.rows) {
    const name =
      q.dimension === 'channel' ? channelLabel(r.key) : (r.label ?? label('metrics.none'));
    main.addRow([name, ...values(r.figures)]);
  }
  const total = main.addRow([label('metrics.total'), ...values(report.total)]);
  total.font = { bold: true };

  const daily = wb.addWorksheet('По дням');
  daily.addRow([`${label('metrics.charts')}: ${q.period.from} — ${q.period.to}`]);
  header(daily, 'День');
  for (const s of report.series) daily.addRow([s.day, ...values(s.figures)]);

  const notes = wb.addWorksheet('Пояснения');
  notes.getColumn(1).width = 34;
  notes.getColumn(2).width = 110;
  for (const f of FIGURES)
    notes.addRow([label(`metrics.fig.${f.key}`), label(`metrics.explain.${f.key}`)]);

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `metrics-${q.period.from}-${q.period.to}-${q.dimension}.xlsx`, body };
}
