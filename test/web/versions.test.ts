import { describe, expect, it } from "vitest";
import type { Version } from "../../src/web/api/types.js";
import {
  inForceOn,
  inForceOrder,
  latestPair,
  localIsoDate,
  newestFirst,
} from "../../src/web/code/versions.js";

const version = (label: string, inForce: string, importedAt = "2025-01-01T00:00:00Z"): Version => ({
  label,
  inForce,
  madeBy: null,
  clauseCount: 1,
  sha256: "0".repeat(64),
  importedAt,
});

// Every answer about the Code is an answer under one version of its text (design: "the regulation
// changes"); the browser opens on the version in force on the day it is asked.
describe("choosing versions", () => {
  const g2Draft = version("g2-2020", "2020-03-01");
  const sectionG = version("g-2024", "2024-11-04");
  const next = version("g-2026", "2026-06-30");
  const all = [g2Draft, next, sectionG];

  it("orders newest first by the date in force", () => {
    expect(newestFirst(all).map((v) => v.label)).toEqual(["g-2026", "g-2024", "g2-2020"]);
  });

  it("orders versions in force the same day by when they were imported", () => {
    const first = version("a", "2024-01-01", "2025-01-01T00:00:00Z");
    const second = version("b", "2024-01-01", "2025-02-01T00:00:00Z");
    expect(newestFirst([first, second]).map((v) => v.label)).toEqual(["b", "a"]);
  });

  it("picks the newest version already in force, counting its first day", () => {
    expect(inForceOn(all, "2025-01-01")?.label).toBe("g-2024");
    expect(inForceOn(all, "2026-06-30")?.label).toBe("g-2026");
    expect(inForceOn(all, "2026-06-29")?.label).toBe("g-2024");
  });

  it("falls back to the earliest version when none is in force yet, and to nothing when there are none", () => {
    expect(inForceOn(all, "2019-01-01")?.label).toBe("g2-2020");
    expect(inForceOn([], "2025-01-01")).toBeUndefined();
  });

  it("compares the two newest versions by default", () => {
    expect(latestPair(all)).toEqual({ old: "g-2024", new: "g-2026" });
    expect(latestPair([sectionG])).toBeUndefined();
  });

  it("puts two labels in the order they came into force", () => {
    expect(inForceOrder(all, "g-2026", "g2-2020")).toEqual(["g2-2020", "g-2026"]);
    expect(inForceOrder(all, "g2-2020", "g-2026")).toEqual(["g2-2020", "g-2026"]);
  });

  it("writes a local date as YYYY-MM-DD", () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 30))).toBe("2025-01-05");
  });
});
