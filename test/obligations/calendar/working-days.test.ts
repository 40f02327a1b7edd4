import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankHolidays } from "../../../src/obligations/calendar/bank-holidays.js";
import {
  addDays,
  type IsoDate,
  isoWeekday,
  parseIsoDate,
} from "../../../src/obligations/calendar/iso-date.js";
import { addWorkingDays, isWorkingDay } from "../../../src/obligations/calendar/working-days.js";
import { anyDate } from "./arbitrary.js";

const add = (date: string, n: number, extra: string[] = []) =>
  addWorkingDays(
    parseIsoDate(date),
    n,
    extra.map((d) => parseIsoDate(d)),
  );
const isHoliday = (date: IsoDate) => bankHolidays(Number(date.slice(0, 4))).some((h) => h.date === date);

// The design notes: a Working Day is any day but a Saturday, a Sunday or a bank holiday in England and Wales.
describe("Working Days", () => {
  it("skips weekends and bank holidays, one-off ones included", () => {
    expect(add("2024-05-03", 1)).toBe("2024-05-07");
    expect(add("2022-09-16", 1)).toBe("2022-09-20");
    expect(add("2023-05-05", 1)).toBe("2023-05-09");
    expect(add("2020-05-07", 1)).toBe("2020-05-11");
    expect(add("2022-12-23", 1)).toBe("2022-12-28");
    expect(add("1999-12-30", 1)).toBe("2000-01-04");
    expect(add("2024-01-02", 10)).toBe("2024-01-16");
  });

  it("counts backwards for negative n", () => {
    expect(add("2023-05-09", -1)).toBe("2023-05-05");
    expect(add("2022-12-28", -1)).toBe("2022-12-23");
    expect(add("2024-04-02", -2)).toBe("2024-03-27");
  });

  it("reads adding 0 as the first Working Day on or after the date", () => {
    expect(add("2024-05-08", 0)).toBe("2024-05-08");
    expect(add("2023-05-06", 0)).toBe("2023-05-09");
    expect(add("2022-09-19", 0)).toBe("2022-09-20");
  });

  it("treats configured extra holidays like bank holidays", () => {
    expect(add("2025-01-03", 1, ["2025-01-06", "2025-01-07"])).toBe("2025-01-08");
    expect(isWorkingDay(parseIsoDate("2031-06-02"), [parseIsoDate("2031-06-02")])).toBe(false);
    expect(isWorkingDay(parseIsoDate("2031-06-02"))).toBe(true);
  });

  it("refuses dates before the holiday table starts", () => {
    expect(() => add("1994-12-30", 1)).toThrow("a year from 1995");
    expect(() => add("1995-01-03", -2)).toThrow("a year from 1995");
  });

  const start = anyDate("1997-01-01", "2090-12-31");
  const count = fc.integer({ min: -400, max: 400 });

  it("never lands on a weekend or a bank holiday", () => {
    fc.assert(
      fc.property(start, count, (date, n) => {
        const result = addWorkingDays(date, n);
        expect(isoWeekday(result)).toBeLessThanOrEqual(5);
        expect(isHoliday(result)).toBe(false);
        expect(isWorkingDay(result)).toBe(true);
      }),
    );
  });

  it("never goes back as n grows, and moves on by exactly one Working Day per step", () => {
    fc.assert(
      fc.property(start, count, (date, n) => {
        const here = addWorkingDays(date, n);
        const next = addWorkingDays(date, n + 1);
        expect(next >= here).toBe(true);
        if (n !== 0 || isWorkingDay(date)) {
          expect(next > here).toBe(true);
          for (let d = addDays(here, 1); d < next; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
        }
      }),
    );
  });

  it("comes back with the opposite count from a Working Day", () => {
    fc.assert(
      fc.property(start, count, (date, n) => {
        const workingDay = addWorkingDays(date, 0);
        expect(addWorkingDays(addWorkingDays(workingDay, n), -n)).toBe(workingDay);
      }),
    );
  });
});
