import {
  addDays,
  CALENDAR_YEARS,
  calendarYear,
  describeDay,
  type DayInfo,
} from '$lib/domain/calendar';
import {
  calendarOverrides,
  listOverrides,
  setOverride,
} from '$lib/server/calendar/calendar.service';
import { appContext } from '$lib/server/context';
import { guarded, text } from '$lib/server/http/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
  const ctx = appContext();
  const requested = Number(url.searchParams.get('year'));
  const year = CALENDAR_YEARS.includes(requested)
    ? requested
    : (CALENDAR_YEARS.find((y) => y === ctx.clock.now().getUTCFullYear()) ??
      CALENDAR_YEARS[0] ??
      2026);
  const overrides = await calendarOverrides(ctx.db);
  const special: DayInfo[] = [];
  let working = 0;
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const info = describeDay(d, overrides);
    if (info.working) working++;
    if (info.type !== 'workday' && info.type !== 'weekend') special.push(info);
    else if (info.short) special.push(info);
  }
  return {
    year,
    years: CALENDAR_YEARS,
    status: calendarYear(year)?.status ?? null,
    working,
    special,
    overrides: await listOverrides(ctx),
  };
};

export const actions: Actions = {
  set: guarded(['admin'], async (_event, actor, form) => {
    const date = text(form, 'date');
    const kind = text(form, 'kind');
    await setOverride(appContext(), actor, {
      date,
      kind: kind === 'working' || kind === 'holiday' ? kind : 'default',
      note: text(form, 'note'),
    });
    return { saved: date };
  }),
};
