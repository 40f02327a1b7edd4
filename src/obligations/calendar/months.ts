import { InputError } from "../../common/input-error.js";
import { daysInMonth, fromParts, type IsoDate, toParts } from "./iso-date.js";

/**
 * The date `months` months after `date` (before it, when negative) by the corresponding-date rule the
 * Code's month periods follow: the same day of the month, or the last day of the target month when that
 * month is too short (31 January + 1 month is 28 or 29 February; 29 February 2024 + 12 months is
 * 28 February 2025). Chaining is therefore not the same as adding once: a day lost to a short month
 * stays lost.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) throw new InputError({}, `a whole number of months (got ${months})`);
  const { year, month, day } = toParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return fromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}
