import { fromParts, type IsoDate } from "./iso-date.js";

/**
 * Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus): Good Friday and Easter
 * Monday, two bank holidays, hang from it.
 */
export function easterSunday(year: number): IsoDate {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearInCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const skippedCenturyLeaps = century % 4;
  const lunarCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - lunarCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const leapYearsInCentury = Math.floor(yearInCentury / 4);
  const yearInLeapCycle = yearInCentury % 4;
  const toSunday = (32 + 2 * skippedCenturyLeaps + 2 * leapYearsInCentury - epact - yearInLeapCycle) % 7;
  const lateFullMoonShift = Math.floor((golden + 11 * epact + 22 * toSunday) / 451);
  const offset = epact + toSunday - 7 * lateFullMoonShift + 114;
  return fromParts(year, Math.floor(offset / 31), (offset % 31) + 1);
}
