import { InputError } from "../common/input-error.js";

/** A calendar date written YYYY-MM-DD, the only form the store and its faces accept. */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the date unchanged when it is a real calendar day, else names `path` in the error. */
export function isoDate(value: string, path: string): IsoDate {
  const match = isoDatePattern.exec(value);
  if (match) {
    const [, year, month, day] = match.map(Number) as [number, number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return value;
    }
  }
  throw new InputError({ path }, `a calendar date as YYYY-MM-DD (got ${JSON.stringify(value)})`);
}

const londonDay = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar day an instant falls on in Great Britain, where the Code applies. */
export function londonDate(instant: Date): IsoDate {
  return londonDay.format(instant);
}
