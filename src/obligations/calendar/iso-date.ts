import { InputError, type Where } from "../../common/input-error.js";

/**
 * Civil dates: a day in the proleptic Gregorian calendar with no time of day and no time zone, written
 * `YYYY-MM-DD` for years 0001–9999. The Code counts in days, months and Working Days, never in instants,
 * so a date is never turned into a timestamp (which would drag a time zone in).
 */
declare const isoDateBrand: unique symbol;
export type IsoDate = string & { readonly [isoDateBrand]: true };

export type DateParts = { readonly year: number; readonly month: number; readonly day: number };

export const firstYear = 1;
export const lastYear = 9999;

const cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): text is IsoDate {
  const match = shape.exec(text);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= firstYear && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The date written in `text`, or an InputError at `where` saying what a date looks like. */
export function parseIsoDate(text: string, where: Where = {}): IsoDate {
  if (isIsoDate(text)) return text;
  throw new InputError(where, `a real calendar date written YYYY-MM-DD (got "${text}")`);
}

export function toParts(date: IsoDate): DateParts {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Writes a date from parts already known to be valid; a year outside 0001–9999 is refused. */
export function fromParts(year: number, month: number, day: number): IsoDate {
  if (year < firstYear || year > lastYear) {
    throw new InputError({}, `a date within years 0001 to 9999 (the result would fall in year ${year})`);
  }
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}` as IsoDate;
}

function daysBeforeYear(year: number): number {
  const y = year - 1;
  return 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Days since 0001-01-01 (which is day 0, a Monday): the form day arithmetic works in. */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = toParts(date);
  const leapDay = month > 2 && isLeapYear(year) ? 1 : 0;
  return daysBeforeYear(year) + cumulativeDays[month - 1]! + leapDay + day - 1;
}

export function fromDayNumber(dayNumber: number): IsoDate {
  // The mean Gregorian year is 365.2425 days, so this estimate is off by at most one year either way.
  let year = Math.floor(dayNumber / 365.2425) + 1;
  while (daysBeforeYear(year) > dayNumber) year--;
  while (daysBeforeYear(year + 1) <= dayNumber) year++;
  let rest = dayNumber - daysBeforeYear(year);
  let month = 1;
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month++;
  }
  return fromParts(year, month, rest + 1);
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfDayNumber(toDayNumber(date));
}

export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber % 7) + 7) % 7) + 1;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

const londonDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The calendar day an instant falls on in Great Britain, where the Code applies. The instant is a
 * parameter: only the faces read the clock.
 */
export function londonDate(instant: Date): IsoDate {
  return londonDay.format(instant) as IsoDate;
}
