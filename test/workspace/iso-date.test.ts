import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/input-error.js";
import { isoDate, londonDate } from "../../src/workspace/iso-date.js";

const day = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe("isoDate", () => {
  it("accepts every real calendar day written YYYY-MM-DD", () => {
    fc.assert(
      fc.property(day, (value) => {
        expect(isoDate(value, "on")).toBe(value);
      }),
    );
  });

  it("refuses anything else, naming the field", () => {
    // A clause's text is looked up by date (G3.20 before and after DP087); a wrong date must not pass.
    for (const value of [
      "2023-02-29",
      "2024-13-01",
      "2024-04-31",
      "2024-1-01",
      " 2024-01-01",
      "01/02/2024",
      "",
    ]) {
      expect(() => isoDate(value, "--on")).toThrow(/at --on: expected a calendar date as YYYY-MM-DD/);
    }
    expect(isoDate("2024-02-29", "on")).toBe("2024-02-29");
    fc.assert(
      fc.property(fc.string(), (value) => {
        fc.pre(!/^\d{4}-\d{2}-\d{2}$/.test(value));
        expect(() => isoDate(value, "on")).toThrow(InputError);
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
