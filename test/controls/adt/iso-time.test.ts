import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDuration, parseUtcTimestamp } from "../../../src/controls/adt/iso-time.js";

describe("ISO-8601 durations (threshold periods, G6.3)", () => {
  // G6.3: a threshold counts over a period; adt.md gives it as an ISO-8601 duration.
  it("reads fixed-length durations in milliseconds", () => {
    expect(parseIsoDuration("PT24H")).toBe(86_400_000);
    expect(parseIsoDuration("P1D")).toBe(86_400_000);
    expect(parseIsoDuration("P1W")).toBe(604_800_000);
    expect(parseIsoDuration("P1DT12H30M")).toBe(131_400_000);
    expect(parseIsoDuration("PT1.5S")).toBe(1500);
    expect(parseIsoDuration("PT90M")).toBe(5_400_000);
  });

  // G6.3: a sliding window needs a fixed length; months and years vary, so they are refused.
  it("refuses calendar units, empty and zero durations, and other text", () => {
    for (const text of ["P1M", "P1Y", "P", "PT", "P1DT", "PT0S", "24h", "pt24h", "PT-1H", "P1W2D", ""]) {
      expect(parseIsoDuration(text), text).toBeUndefined();
    }
  });

  // G6.3: periods made of days, hours, minutes and seconds add up exactly.
  it("agrees with its own hours-minutes-seconds arithmetic on random durations", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), (d, h, m, s) => {
        fc.pre(d + h + m + s > 0);
        expect(parseIsoDuration(`P${d}DT${h}H${m}M${s}S`)).toBe((((d * 24 + h) * 60 + m) * 60 + s) * 1000);
      }),
    );
  });
});

describe("UTC timestamps (request times, adt.md)", () => {
  // adt.md: "time" is when the DCC received the request, in UTC.
  it("reads UTC timestamps to the millisecond", () => {
    expect(parseUtcTimestamp("2025-03-01T10:00:00Z")).toBe(Date.UTC(2025, 2, 1, 10));
    expect(parseUtcTimestamp("2024-02-29T23:59:59.5Z")).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 500));
    expect(parseUtcTimestamp("0099-12-31T00:00:00.25Z")).toBe(Date.parse("0099-12-31T00:00:00.250Z"));
  });

  // adt.md: a replay must not depend on the machine's time zone or guess at a date.
  it("refuses local times, offsets, impossible dates and finer precision", () => {
    for (const text of [
      "2025-03-01T10:00:00",
      "2025-03-01T10:00:00+01:00",
      "2025-02-29T00:00:00Z",
      "2025-04-31T00:00:00Z",
      "2025-03-01T24:00:00Z",
      "2025-03-01 10:00:00Z",
      "2025-03-01T10:00:00.1234Z",
      "2100-02-29T00:00:00Z",
      "2025-03-01T10:60:00Z",
      "2025-03-01T10:00:00.Z",
    ]) {
      expect(parseUtcTimestamp(text), text).toBeUndefined();
    }
  });

  // adt.md: any timestamp a producer writes with toISOString reads back unchanged.
  it("round-trips every millisecond timestamp Date prints", () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(parseUtcTimestamp(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
});
