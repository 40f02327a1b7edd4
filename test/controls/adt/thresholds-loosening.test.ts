import { describe, expect, it } from "vitest";
import { formatPeriod, loosenings } from "../../../src/controls/adt/loosening.js";
import { thresholdsFrom } from "./thresholds-support.js";

const userA = "90-B3-D5-1F-30-01-00-00";

function count(levels: string, period = "PT24H", srv = "7.2"): string {
  return `  - { userId: "${userA}", srv: "${srv}", measure: critical, ${levels}, period: ${period} }\n`;
}

function diff(before: string, after: string) {
  return loosenings(thresholdsFrom(`thresholds:\n${before}`), thresholdsFrom(`thresholds:\n${after}`)).map(
    (l) => [l.level, l.before.level, l.after?.level ?? null],
  );
}

describe("loosened levels between threshold sets", () => {
  // G6.4(a), G6.10: a higher quarantine or warning level detects less, so it is flagged.
  it("flags a raised level", () => {
    expect(diff(count("warning: 40, quarantine: 50"), count("warning: 45, quarantine: 50"))).toEqual([
      ["warning", 40, 45],
    ]);
    expect(diff(count("quarantine: 50"), count("quarantine: 51"))).toEqual([["quarantine", 50, 51]]);
  });

  // G6.4(a): a lower level, or the same level over a longer period, is stricter and passes.
  it("does not flag a lower level or a longer period", () => {
    expect(diff(count("quarantine: 50"), count("quarantine: 10"))).toEqual([]);
    expect(diff(count("quarantine: 50"), count("quarantine: 50", "P2D"))).toEqual([]);
  });

  // G6.4(a): the same level over a shorter period lets a burst spread over the old period through.
  it("flags a shorter period even at the same or a lower level", () => {
    expect(diff(count("quarantine: 50"), count("quarantine: 50", "PT1H"))).toEqual([["quarantine", 50, 50]]);
    expect(diff(count("quarantine: 50"), count("quarantine: 40", "PT12H"))).toEqual([["quarantine", 50, 40]]);
  });

  // G6.4(a): removing a level, or the whole threshold, is the loosest change of all.
  it("flags a removed level or threshold", () => {
    expect(diff(count("warning: 40, quarantine: 50"), count("quarantine: 50"))).toEqual([
      ["warning", 40, null],
    ]);
    expect(diff(count("quarantine: 50"), count("quarantine: 50", "PT24H", "7.1"))).toEqual([
      ["quarantine", 50, null],
    ]);
  });

  // G6.4(a): with several thresholds on one key, an old level is kept if any new one dominates it.
  it("compares against every threshold on the key", () => {
    const before = count("quarantine: 50") + count("quarantine: 10", "PT1H");
    expect(diff(before, count("quarantine: 10", "PT1H") + count("quarantine: 40", "PT24H"))).toEqual([]);
    expect(diff(before, count("quarantine: 10", "PT1H"))).toEqual([["quarantine", 50, 10]]);
  });

  // G6.6(b): attribute limits loosen when the range widens or a bound goes.
  it("flags a widened attribute range", () => {
    const limit = (bounds: string) => `  - { scope: dcc, srv: "1.2.1", value: price, ${bounds} }\n`;
    expect(diff(limit("min: 0, max: 100"), limit("min: -1, max: 100"))).toEqual([["min", 0, -1]]);
    expect(diff(limit("min: 0, max: 100"), limit("min: 0"))).toEqual([["max", 100, null]]);
    expect(diff(limit("min: 0, max: 100"), limit("min: 5, max: 90"))).toEqual([]);
  });

  // G6.8: periods are shown as ISO-8601 durations.
  it("formats periods", () => {
    expect([formatPeriod(86_400_000), formatPeriod(5_400_000), formatPeriod(1500)]).toEqual([
      "PT24H",
      "PT1H30M",
      "PT1.5S",
    ]);
  });
});
