import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInMonth,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isoWeekday,
  londonDate,
  parseIsoDate,
  toDayNumber,
} from "../../../src/obligations/calendar/iso-date.js";
import { anyDate } from "./arbitrary.js";

// The design notes: the Code's periods are civil dates, so secg counts days without time zones.
describe("civil dates", () => {
  it("knows the Gregorian leap years and month lengths", () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(daysInMonth(2023, 12)).toBe(31);
  });

  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(["2024-02-29", "0001-01-01", "9999-12-31"].every(isIsoDate)).toBe(true);
    expect(
      ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "0000-01-01", "20240101", " 2024-01-01"].some(
        isIsoDate,
      ),
    ).toBe(false);
    expect(() => parseIsoDate("2023-02-29", { path: "DATE" })).toThrow(
      'at DATE: expected a real calendar date written YYYY-MM-DD (got "2023-02-29")',
    );
  });

  it("numbers days consecutively from 0001-01-01, a Monday", () => {
    expect(toDayNumber(parseIsoDate("0001-01-01"))).toBe(0);
    expect(isoWeekday(parseIsoDate("0001-01-01"))).toBe(1);
    expect(isoWeekday(parseIsoDate("2024-02-29"))).toBe(4);
    expect(isoWeekday(parseIsoDate("2022-09-19"))).toBe(1);
    expect(addDays(parseIsoDate("2023-12-31"), 1)).toBe("2024-01-01");
    expect(addDays(parseIsoDate("2024-03-01"), -1)).toBe("2024-02-29");
  });

  it("agrees with JavaScript's UTC calendar on day numbers and weekdays", () => {
    const epoch = toDayNumber(parseIsoDate("1970-01-01"));
    fc.assert(
      fc.property(anyDate("1000-01-01"), (date) => {
        const utc = new Date(`${date}T00:00:00Z`);
        expect(toDayNumber(date) - epoch).toBe(utc.getTime() / 86_400_000);
        expect(isoWeekday(date)).toBe(((utc.getUTCDay() + 6) % 7) + 1);
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
      }),
    );
  });
});

describe("londonDate", () => {
  it("gives the day in Great Britain, which runs an hour ahead of UTC in summer", () => {
    expect(londonDate(new Date("2024-06-30T23:30:00Z"))).toBe("2024-07-01");
    expect(londonDate(new Date("2024-01-31T23:30:00Z"))).toBe("2024-01-31");
  });
});
