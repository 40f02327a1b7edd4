import { describe, expect, it } from "vitest";
import { computeEffects } from "../../src/code/effects.js";
import { parseSection } from "../../src/code/parse.js";
import { seedFiles } from "../support/shared.js";
import { readFixture, readSeed } from "./support.js";

describe("effects of one version on the last", () => {
  it("finds substitution, insertion, repeal and renumbering (fixture G14)", () => {
    const effects = computeEffects(
      parseSection(readFixture("custody.md")),
      parseSection(readFixture("custody-amended.md")),
    );
    expect(effects).toEqual([
      { kind: "substituted", id: "G14.2" },
      { kind: "inserted", id: "G14.4A" },
      { kind: "repealed", id: "G14.5" },
      { kind: "renumbered", id: "G14.10", from: "G14.7" },
    ]);
  });

  it("sees a clause that names itself as renumbered when only its own number changed", () => {
    const before = parseSection(
      "G3.1 The Panel shall keep a list.\n\nG3.2 Where this Section G3.2 applies, the list is public.\n",
    );
    const after = parseSection(
      "G3.1 The Panel shall keep a list.\n\nG3.3 Where this Section G3.3 applies, the list is public.\n",
    );
    expect(computeEffects(before, after)).toEqual([{ kind: "renumbered", id: "G3.3", from: "G3.2" }]);
  });

  it("repeals a clause that disappears, and treats a reused 'Not used' number as an insertion", () => {
    const before = parseSection("G3.1 Not used.\n\nG3.2 The Panel shall keep a list.\n");
    const after = parseSection("G3.1 The Panel shall publish the list.\n");
    expect(computeEffects(before, after)).toEqual([
      { kind: "inserted", id: "G3.1" },
      { kind: "repealed", id: "G3.2" },
    ]);
  });

  const draft = readSeed(seedFiles.g2Draft2020);
  const whole = readSeed(seedFiles.sectionG);
  it.skipIf(!draft || !whole)("gives the effects of seed 000 → 001 on G2", () => {
    const next = parseSection(whole!);
    const g2 = { ...next, clauses: next.clauses.filter((c) => c.part === "G2") };
    const effects = computeEffects(parseSection(draft!), g2);
    // G2.21 now says only "Not used"; G2.52 first appears as "Not used" and so has no effect.
    expect(effects.filter((e) => e.kind === "repealed")).toEqual([{ kind: "repealed", id: "G2.21" }]);
    expect(effects.some((e) => e.id === "G2.52")).toBe(false);
    expect(effects.filter((e) => e.kind === "substituted").map((e) => e.id)).toEqual([
      "G2.3",
      "G2.11",
      "G2.13",
      "G2.20",
      "G2.27",
      "G2.28",
      "G2.44",
      "G2.44A",
    ]);
    expect(effects.filter((e) => e.kind === "inserted")).toHaveLength(23);
  });
});
