import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankHolidays } from "../../../src/obligations/calendar/bank-holidays.js";
import { easterSunday } from "../../../src/obligations/calendar/easter.js";
import { isoWeekday } from "../../../src/obligations/calendar/iso-date.js";

/**
 * Bank holidays in England and Wales, 1995–2030, written out by hand (month-day) from the published
 * lists and the royal proclamations: regular days with their weekend substitutes, the Early May days
 * moved for VE Day (1995, 2020), the Spring days moved for the jubilees (2002, 2012, 2022) and the
 * one-off days (1999-12-31, 2002-06-03, 2011-04-29, 2012-06-05, 2022-06-03, 2022-09-19, 2023-05-08).
 */
const table: readonly [number, string][] = [
  [1995, "01-02 04-14 04-17 05-08 05-29 08-28 12-25 12-26"],
  [1996, "01-01 04-05 04-08 05-06 05-27 08-26 12-25 12-26"],
  [1997, "01-01 03-28 03-31 05-05 05-26 08-25 12-25 12-26"],
  [1998, "01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28"],
  [1999, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28 12-31"],
  [2000, "01-03 04-21 04-24 05-01 05-29 08-28 12-25 12-26"],
  [2001, "01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26"],
  [2002, "01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26"],
  [2003, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"],
  [2004, "01-01 04-09 04-12 05-03 05-31 08-30 12-27 12-28"],
  [2005, "01-03 03-25 03-28 05-02 05-30 08-29 12-26 12-27"],
  [2006, "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26"],
  [2007, "01-01 04-06 04-09 05-07 05-28 08-27 12-25 12-26"],
  [2008, "01-01 03-21 03-24 05-05 05-26 08-25 12-25 12-26"],
  [2009, "01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28"],
  [2010, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"],
  [2011, "01-03 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27"],
  [2012, "01-02 04-06 04-09 05-07 06-04 06-05 08-27 12-25 12-26"],
  [2013, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"],
  [2014, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"],
  [2015, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"],
  [2016, "01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27"],
  [2017, "01-02 04-14 04-17 05-01 05-29 08-28 12-25 12-26"],
  [2018, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26"],
  [2019, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26"],
  [2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28"],
  [2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28"],
  [2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27"],
  [2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26"],
  [2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26"],
  [2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26"],
  [2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28"],
  [2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28"],
  [2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26"],
  [2029, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26"],
  [2030, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26"],
];

// The design notes: a Working Day excludes bank holidays in England and Wales.
describe("bank holidays in England and Wales", () => {
  it.each(table)("%i matches the published list", (year, days) => {
    expect(bankHolidays(year).map((h) => h.date)).toEqual(days.split(" ").map((d) => `${year}-${d}`));
  });

  it("includes the one-off days and names them", () => {
    const named = (date: string) => bankHolidays(Number(date.slice(0, 4))).find((h) => h.date === date)?.name;
    expect(named("2022-09-19")).toMatch(/State Funeral/);
    expect(named("2023-05-08")).toMatch(/Coronation/);
    expect(named("1999-12-31")).toMatch(/Millennium/);
    expect(named("2011-04-29")).toMatch(/Royal Wedding/);
    expect(named("2020-05-08")).toMatch(/VE Day/);
    expect(named("2021-12-27")).toMatch(/substitute/);
  });

  it("puts the moved days in place of, not beside, the usual ones", () => {
    const dates = (year: number) => bankHolidays(year).map((h) => h.date);
    expect(dates(1995)).not.toContain("1995-05-01");
    expect(dates(2020)).not.toContain("2020-05-04");
    expect(dates(2002)).not.toContain("2002-05-27");
    expect(dates(2012)).not.toContain("2012-05-28");
    expect(dates(2022)).not.toContain("2022-05-30");
  });

  it("computes Easter, including its earliest and latest dates", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2038)).toBe("2038-04-25");
    expect(easterSunday(2285)).toBe("2285-03-22");
    expect(easterSunday(1818)).toBe("1818-03-22");
  });

  it("gives every future year eight distinct weekday holidays in date order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2024, max: 9998 }), (year) => {
        const list = bankHolidays(year);
        expect(list).toHaveLength(8);
        expect(list.every((h) => isoWeekday(h.date) <= 5 && h.date.startsWith(`${year}-`))).toBe(true);
        expect([...list].sort((a, b) => a.date.localeCompare(b.date))).toEqual(list);
      }),
    );
  });

  it("refuses years before the table starts", () => {
    expect(() => bankHolidays(1994)).toThrow("a year from 1995 to 9999");
  });
});
