import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, isIsoDate } from "../../../src/controls/people/iso-date.js";

const anyDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2399-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("month periods by the corresponding-date rule (G2.22B(c)-(d))", () => {
  it("keeps the day of the month, or falls back to the month's last day", () => {
    // G2.22B(c): 24 months; G2.22B(d): six months.
    expect(addMonths("2023-12-31", 24)).toBe("2025-12-31");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonths("2024-05-15", 0)).toBe("2024-05-15");
  });

  it("lands on a real date in the right month, never past the original day", () => {
    // G2.22B(c): the period ends on the corresponding date.
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -600, max: 600 }), (date, n) => {
        const result = addMonths(date, n);
        expect(isIsoDate(result)).toBe(true);
        const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
        expect(months(result) - months(date)).toBe(n);
        expect(Number(result.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
        if (Number(date.slice(8)) <= 28) expect(result.slice(8)).toBe(date.slice(8));
      }),
    );
  });
});

describe("day arithmetic (G2.24(b), G3.13(b) cooling-off periods)", () => {
  it("agrees with the platform calendar", () => {
    // G2.24(b): the cooling-off period is counted in days.
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, n) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(addDays(date, n)).toBe(expected);
        expect(daysBetween(date, expected)).toBe(n);
      }),
    );
  });

  it("accepts only real calendar dates", () => {
    // people.md: dates are ISO calendar dates.
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
  });
});
