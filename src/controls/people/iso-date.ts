/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD strings), enough for the separation periods of
 * G2.22B and the cooling-off periods of G2.24 and G3.13. Strings of this form sort as dates do,
 * so comparisons need no conversion. Kept here, apart from the obligations calendar, so that the
 * people checks depend on nothing but their own input.
 */
export type IsoDate = string;

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): text is IsoDate {
  const m = shape.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/**
 * The corresponding-date rule: the same day of the month N months on, or that month's last day
 * when it is shorter (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 0000-03-01 in the proleptic Gregorian calendar (years counted from March). */
function dayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  const year = m <= 2 ? y - 1 : y;
  const monthFromMarch = (m + 9) % 12;
  return (
    365 * year +
    Math.floor(year / 4) -
    Math.floor(year / 100) +
    Math.floor(year / 400) +
    Math.floor((153 * monthFromMarch + 2) / 5) +
    d -
    1
  );
}

function fromDayNumber(n: number): IsoDate {
  let year = Math.floor((10000 * n + 14780) / 3652425);
  let dayOfYear = n - (365 * year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400));
  if (dayOfYear < 0) {
    year -= 1;
    dayOfYear = n - (365 * year + Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400));
  }
  const monthFromMarch = Math.floor((100 * dayOfYear + 52) / 3060);
  const month = ((monthFromMarch + 2) % 12) + 1;
  const calendarYear = year + Math.floor((monthFromMarch + 2) / 12);
  const day = dayOfYear - Math.floor((monthFromMarch * 306 + 5) / 10) + 1;
  return format(calendarYear, month, day);
}

function parts(date: IsoDate): [number, number, number] {
  const m = shape.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
