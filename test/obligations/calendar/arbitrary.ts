import fc from "fast-check";
import { fromDayNumber, type IsoDate, toDayNumber } from "../../../src/obligations/calendar/iso-date.js";

/** Any civil date between two bounds, drawn as a day number so every day is equally likely. */
export function anyDate(from = "0001-01-01", to = "9999-12-31"): fc.Arbitrary<IsoDate> {
  return fc
    .integer({ min: toDayNumber(from as IsoDate), max: toDayNumber(to as IsoDate) })
    .map((n) => fromDayNumber(n));
}

/** Dates biased towards month ends, where the corresponding-date rule matters. */
export const monthEndish = (minYear = 1, maxYear = 9998): fc.Arbitrary<IsoDate> =>
  fc
    .record({
      year: fc.integer({ min: minYear, max: maxYear }),
      month: fc.integer({ min: 1, max: 12 }),
      back: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ year, month, back }) => {
      const next =
        month === 12
          ? `${String(year + 1).padStart(4, "0")}-01-01`
          : `${String(year).padStart(4, "0")}-${String(month + 1).padStart(2, "0")}-01`;
      return fromDayNumber(toDayNumber(next as IsoDate) - 1 - back);
    });
