import { isWorkingDay } from '../calendar/working-days';
import type { WorkTime } from '../deadlines/arithmetic';
import { mskInstant, mskParts } from '../deadlines/time';
import { dateToUtc } from '../calendar/dates';

const DAY_MS = 86_400_000;
const dateOf = (dayIndex: number) => new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);

/**
 * Office time between two instants, as `workingMsBetween` counts it, but in constant time per call:
 * the office minutes of each Moscow day are summed once into a running total, so a roll-up over a
 * million appeals does not walk the calendar day by day for each of them.
 */
export class WorkClock {
  readonly work: WorkTime;
  #base = 0;
  /** #cum[i]: office ms on the days before day #base + i. */
  #cum: number[] = [0];

  constructor(work: WorkTime) {
    this.work = work;
  }

  #dayIndex(date: string): number {
    return Math.round(dateToUtc(date) / DAY_MS);
  }

  #officeMs(date: string): number {
    if (!isWorkingDay(date, this.work.overrides)) return 0;
    return Math.max(0, this.work.officeEnd - this.work.officeStart) * 60_000;
  }

  /** Office ms on the days strictly before `date`, counted from the clock's first day. */
  #before(date: string): number {
    const idx = this.#dayIndex(date);
    if (this.#cum.length === 1 && this.#base === 0) this.#base = idx;
    if (idx < this.#base) {
      // Extend backwards keeping the origin: earlier days get smaller (negative) totals.
      const earlier: number[] = [];
      let v = this.#cum[0]!;
      for (let i = this.#base - 1; i >= idx; i--) {
        v -= this.#officeMs(dateOf(i));
        earlier.push(v);
      }
      this.#cum = [...earlier.reverse(), ...this.#cum];
      this.#base = idx;
    }
    while (this.#base + this.#cum.length - 1 < idx) {
      const day = this.#base + this.#cum.length - 1;
      this.#cum.push(this.#cum.at(-1)! + this.#officeMs(dateOf(day)));
    }
    return this.#cum[idx - this.#base]!;
  }

  /** Office ms of `date` before the instant `t` (which falls on that Moscow date). */
  #within(date: string, t: number): number {
    if (!isWorkingDay(date, this.work.overrides)) return 0;
    const open = mskInstant(date, this.work.officeStart);
    const close = mskInstant(date, this.work.officeEnd);
    return Math.max(0, Math.min(t, close) - open);
  }

  /** Office ms from the clock's origin to the instant. */
  #at(t: number): number {
    const { date } = mskParts(t);
    return this.#before(date) + this.#within(date, t);
  }

  between(fromIso: string, toIso: string): number {
    const a = Date.parse(fromIso);
    const b = Date.parse(toIso);
    if (Number.isNaN(a) || Number.isNaN(b))
      throw new RangeError(`Not an instant: ${fromIso} / ${toIso}`);
    if (b <= a) return 0;
    return this.#at(b) - this.#at(a);
  }
}
