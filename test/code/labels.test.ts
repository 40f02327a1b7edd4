import { describe, expect, it } from "vitest";
import {
  clauseAtStart,
  compareClauseNumbers,
  isPlausibleSuccessor,
  parseClauseId,
} from "../../src/code/ids.js";
import { follows, labelAtStart, labelKinds, nextLabel } from "../../src/code/labels.js";

describe("paragraph labels", () => {
  it("knows the kinds a label may be, ambiguous ones included", () => {
    expect(labelKinds("i")).toEqual(["roman", "letter"]);
    expect(labelKinds("c")).toEqual(["letter", "roman"]);
    expect(labelKinds("iv")).toEqual(["roman"]);
    expect(labelKinds("B")).toEqual(["capital"]);
  });

  it("steps through each kind of list", () => {
    expect(nextLabel("h", "letter")).toBe("i");
    expect(nextLabel("iii", "roman")).toBe("iv");
    expect(nextLabel("ix", "roman")).toBe("x");
    expect(nextLabel("z", "letter")).toBe("aa");
    expect(follows("h", "i", "letter")).toBe(true);
    expect(follows("h", "i", "roman")).toBe(false);
  });

  it("reads a label only at the start of a paragraph, followed by a space", () => {
    expect(labelAtStart("(b) where the DCC")).toEqual({ label: "b", rest: "where the DCC" });
    expect(labelAtStart("(other than in any case)")).toBeUndefined();
  });
});

describe("clause numbers", () => {
  it("orders suffixed clauses after their base number (G2.44 < G2.44A < G2.44B < G2.45)", () => {
    const ids = ["G2.45", "G2.44B", "G2.44", "G2.44A"].map((id) => parseClauseId(id)!);
    expect(ids.sort(compareClauseNumbers).map((n) => n.id)).toEqual(["G2.44", "G2.44A", "G2.44B", "G2.45"]);
  });

  it("reads a clause number only when a space or the line end follows it", () => {
    expect(clauseAtStart("G2.44A For the purposes")?.number.id).toBe("G2.44A");
    expect(clauseAtStart("G5.18(b)(i) to")).toBeUndefined();
    expect(clauseAtStart("G2. SYSTEM SECURITY")).toBeUndefined();
  });

  it("judges a successor plausible only when it is near and ahead", () => {
    const at = (id: string) => parseClauseId(id)!;
    expect(isPlausibleSuccessor(at("G2.47"), at("G3.1"))).toBe(true);
    expect(isPlausibleSuccessor(at("G2.22"), at("G2.22A"))).toBe(true);
    expect(isPlausibleSuccessor(at("G2.15"), at("G2.13"))).toBe(false);
    expect(isPlausibleSuccessor(at("G2.12"), at("G2.35"))).toBe(false);
  });
});
