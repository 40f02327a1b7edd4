import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysInMonth,
  type IsoDate,
  parseIsoDate,
  toParts,
} from "../../../src/obligations/calendar/iso-date.js";
import { addMonths } from "../../../src/obligations/calendar/months.js";
import { anyDate, monthEndish } from "./arbitrary.js";

const add = (date: string, n: number) => addMonths(parseIsoDate(date), n);
const monthIndex = (d: IsoDate) => toParts(d).year * 12 + toParts(d).month - 1;

// The design notes: month periods in the Code end on the corresponding date, or the month's last day.
describe("addMonths by the corresponding-date rule", () => {
  it("keeps the day of the month when the target month has it", () => {
    expect(add("2023-05-10", 12)).toBe("2024-05-10");
    expect(add("2024-05-02", 12)).toBe("2025-05-02");
    expect(add("2024-01-15", 1)).toBe("2024-02-15");
    expect(add("2024-05-15", 0)).toBe("2024-05-15");
    expect(add("2023-11-30", 2)).toBe("2024-01-30");
  });

  it("falls back to the last day of a shorter month", () => {
    expect(add("2024-01-31", 1)).toBe("2024-02-29");
    expect(add("2023-01-31", 1)).toBe("2023-02-28");
    expect(add("2024-02-29", 12)).toBe("2025-02-28");
    expect(add("2024-02-29", 48)).toBe("2028-02-29");
    expect(add("2023-08-31", 1)).toBe("2023-09-30");
    expect(add("2100-01-31", 1)).toBe("2100-02-28");
    expect(add("2000-01-31", 1)).toBe("2000-02-29");
  });

  it("counts backwards when n is negative", () => {
    expect(add("2024-03-31", -1)).toBe("2024-02-29");
    expect(add("2025-02-28", -12)).toBe("2024-02-28");
    expect(add("2024-01-15", -1)).toBe("2023-12-15");
    expect(add("2024-05-31", -13)).toBe("2023-04-30");
  });

  it("refuses results outside years 0001 to 9999", () => {
    expect(() => add("9999-12-01", 1)).toThrow("a date within years 0001 to 9999");
    expect(() => add("0001-01-31", -1)).toThrow("a date within years 0001 to 9999");
  });

  it("lands in the right month on the same day or the month's last day", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyDate("0101-01-01", "9899-12-31"), monthEndish(101, 9898)),
        fc.integer({ min: -1200, max: 1200 }),
        (date, n) => {
          const result = addMonths(date, n);
          expect(monthIndex(result) - monthIndex(date)).toBe(n);
          const { year, month, day } = toParts(result);
          expect(day).toBe(Math.min(toParts(date).day, daysInMonth(year, month)));
        },
      ),
    );
  });

  it("chains to the same date as one step whenever no month in between cuts the day short", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyDate("0201-01-01", "9799-12-31"), monthEndish(201, 9798)),
        fc.integer({ min: -1200, max: 1200 }),
        fc.integer({ min: -1200, max: 1200 }),
        (date, a, b) => {
          const middle = addMonths(date, a);
          const chained = addMonths(middle, b);
          const direct = addMonths(date, a + b);
          if (toParts(middle).day === toParts(date).day) expect(chained).toBe(direct);
          // Otherwise the day lost to the short middle month stays lost: never later than the direct date.
          else expect(chained <= direct).toBe(true);
        },
      ),
    );
  });
});
