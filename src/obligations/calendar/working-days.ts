import { InputError } from "../../common/input-error.js";
import { bankHolidays } from "./bank-holidays.js";
import {
  fromDayNumber,
  fromParts,
  type IsoDate,
  toDayNumber,
  toParts,
  weekdayOfDayNumber,
} from "./iso-date.js";

/**
 * Working Days: every day but Saturdays, Sundays and bank holidays in England and Wales. A holiday the
 * built-in table cannot know (one proclaimed later) is passed in as an extra holiday.
 *
 * `addWorkingDays(date, n)` counts from the day after `date` (or back from the day before it when n is
 * negative), so the result is the n-th Working Day after `date`. Adding 0 answers "the first Working Day
 * on or after `date`": `date` itself when it is a Working Day, else the next one. The result is therefore
 * always a Working Day, and it never decreases as n grows (from a non-Working Day, 0 and 1 land on the
 * same day, because no Working Day lies between the day before and the day after).
 */

/** One calendar year's holidays as day numbers, with the year's bounds, for quick stepping. */
type YearHolidays = { readonly start: number; readonly end: number; readonly days: ReadonlySet<number> };

const years = new Map<number, YearHolidays>();

function yearHolidays(year: number): YearHolidays {
  let entry = years.get(year);
  if (entry === undefined) {
    entry = {
      start: toDayNumber(fromParts(year, 1, 1)),
      end: toDayNumber(fromParts(year, 12, 31)),
      days: new Set(bankHolidays(year).map((h) => toDayNumber(h.date))),
    };
    years.set(year, entry);
  }
  return entry;
}

/** Answers "is this day a Working Day?" while stepping through consecutive days. */
function workingDayTest(startYear: number, extra: readonly IsoDate[]): (dayNumber: number) => boolean {
  const extraDays = new Set(extra.map(toDayNumber));
  let year = startYear;
  let current = yearHolidays(year);
  return (dayNumber) => {
    while (dayNumber > current.end) current = yearHolidays(++year);
    while (dayNumber < current.start) current = yearHolidays(--year);
    return weekdayOfDayNumber(dayNumber) <= 5 && !current.days.has(dayNumber) && !extraDays.has(dayNumber);
  };
}

export function isWorkingDay(date: IsoDate, extraHolidays: readonly IsoDate[] = []): boolean {
  return workingDayTest(toParts(date).year, extraHolidays)(toDayNumber(date));
}

export function addWorkingDays(date: IsoDate, n: number, extraHolidays: readonly IsoDate[] = []): IsoDate {
  if (!Number.isSafeInteger(n)) throw new InputError({}, `a whole number of Working Days (got ${n})`);
  const isWorking = workingDayTest(toParts(date).year, extraHolidays);
  let d = toDayNumber(date);
  if (n === 0) {
    while (!isWorking(d)) d++;
    return fromDayNumber(d);
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    d += step;
    if (isWorking(d)) left--;
  }
  return fromDayNumber(d);
}
