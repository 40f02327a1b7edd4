import { InputError } from "../../common/input-error.js";
import { easterSunday } from "./easter.js";
import {
  daysInMonth,
  fromDayNumber,
  fromParts,
  type IsoDate,
  lastYear,
  parseIsoDate,
  toDayNumber,
  weekdayOfDayNumber,
} from "./iso-date.js";

/**
 * Bank holidays in England and Wales, which a Working Day excludes. The regular ones follow fixed rules
 * (the Banking and Financial Dealings Act 1971 and the proclamations that add Early May and move days
 * off weekends); the rest were set by royal proclamation one year at a time and are listed here. The
 * table is complete from 1995 on; for later years it holds the regular rules only, so a one-off holiday
 * announced after this was written has to be configured (see `addWorkingDays`).
 */
export type BankHoliday = { readonly date: IsoDate; readonly name: string };

export const firstTabulatedYear = 1995;

/** Regular holidays moved by proclamation to mark a national occasion, by year. */
const earlyMayMoved: Readonly<Record<number, BankHoliday>> = {
  1995: { date: parseIsoDate("1995-05-08"), name: "Early May bank holiday (VE Day, 50 years on)" },
  2020: { date: parseIsoDate("2020-05-08"), name: "Early May bank holiday (VE Day, 75 years on)" },
};
const springMoved: Readonly<Record<number, BankHoliday>> = {
  2002: { date: parseIsoDate("2002-06-04"), name: "Spring bank holiday (moved for the Golden Jubilee)" },
  2012: { date: parseIsoDate("2012-06-04"), name: "Spring bank holiday (moved for the Diamond Jubilee)" },
  2022: { date: parseIsoDate("2022-06-02"), name: "Spring bank holiday (moved for the Platinum Jubilee)" },
};

/** Holidays proclaimed for one year only. */
const oneOffs: readonly BankHoliday[] = [
  { date: parseIsoDate("1999-12-31"), name: "Millennium celebrations" },
  { date: parseIsoDate("2002-06-03"), name: "Golden Jubilee of Queen Elizabeth II" },
  { date: parseIsoDate("2011-04-29"), name: "Royal Wedding (Prince William and Catherine Middleton)" },
  { date: parseIsoDate("2012-06-05"), name: "Diamond Jubilee of Queen Elizabeth II" },
  { date: parseIsoDate("2022-06-03"), name: "Platinum Jubilee of Queen Elizabeth II" },
  { date: parseIsoDate("2022-09-19"), name: "State Funeral of Queen Elizabeth II" },
  { date: parseIsoDate("2023-05-08"), name: "Coronation of King Charles III" },
];

const isWeekend = (dayNumber: number) => weekdayOfDayNumber(dayNumber) >= 6;

/** The first Monday of a month, or the last Monday when `last` is set. */
function monday(year: number, month: number, last: boolean): number {
  if (!last) {
    const first = toDayNumber(fromParts(year, month, 1));
    return first + ((8 - weekdayOfDayNumber(first)) % 7);
  }
  const end = toDayNumber(fromParts(year, month, daysInMonth(year, month)));
  return end - ((weekdayOfDayNumber(end) + 6) % 7);
}

function day(year: number, month: number, date: number): number {
  return toDayNumber(fromParts(year, month, date));
}

/** The first weekday on or after `from` that is not already taken. */
function nextFreeWeekday(from: number, taken: ReadonlyMap<number, string>): number {
  let d = from;
  while (isWeekend(d) || taken.has(d)) d++;
  return d;
}

function computed(year: number): BankHoliday[] {
  const holidays = new Map<number, string>();
  const add = (dayNumber: number, name: string) => holidays.set(dayNumber, name);

  const newYear = day(year, 1, 1);
  if (isWeekend(newYear)) add(nextFreeWeekday(newYear + 1, holidays), "New Year's Day (substitute day)");
  else add(newYear, "New Year's Day");

  const easter = toDayNumber(easterSunday(year));
  add(easter - 2, "Good Friday");
  add(easter + 1, "Easter Monday");

  const earlyMay = earlyMayMoved[year];
  if (earlyMay === undefined) add(monday(year, 5, false), "Early May bank holiday");
  else add(toDayNumber(earlyMay.date), earlyMay.name);
  const spring = springMoved[year];
  if (spring === undefined) add(monday(year, 5, true), "Spring bank holiday");
  else add(toDayNumber(spring.date), spring.name);
  add(monday(year, 8, true), "Summer bank holiday");

  // Christmas Day and Boxing Day each get the next free weekday when they fall at a weekend.
  const christmas = day(year, 12, 25);
  const weekendDays: [number, string][] = [];
  for (const [d, name] of [
    [christmas, "Christmas Day"],
    [christmas + 1, "Boxing Day"],
  ] as const) {
    if (isWeekend(d)) weekendDays.push([d, name]);
    else add(d, name);
  }
  for (const [, name] of weekendDays)
    add(nextFreeWeekday(christmas + 2, holidays), `${name} (substitute day)`);

  for (const oneOff of oneOffs) {
    if (oneOff.date.startsWith(`${year}-`)) add(toDayNumber(oneOff.date), oneOff.name);
  }
  return [...holidays].sort(([a], [b]) => a - b).map(([d, name]) => ({ date: fromDayNumber(d), name }));
}

const byYear = new Map<number, readonly BankHoliday[]>();

/** The bank holidays of one year in England and Wales, in date order. */
export function bankHolidays(year: number): readonly BankHoliday[] {
  if (!Number.isInteger(year) || year < firstTabulatedYear || year > lastYear) {
    throw new InputError(
      {},
      `a year from ${firstTabulatedYear} to ${lastYear} (the bank holiday table starts in ${firstTabulatedYear}; got ${year})`,
    );
  }
  let list = byYear.get(year);
  if (list === undefined) {
    list = computed(year);
    byYear.set(year, list);
  }
  return list;
}
