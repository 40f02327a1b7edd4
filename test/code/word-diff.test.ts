import { describe, expect, it } from "vitest";
import { applyRedline, diffWords } from "../../src/code/word-diff.js";

describe("word-level redline of a clause", () => {
  it("marks a replaced phrase as one deletion and one insertion (G14.2 amended)", () => {
    expect(
      diffWords("destroyed within one hour of its creation", "destroyed within ten minutes of its creation"),
    ).toEqual([
      { op: "equal", text: "destroyed within " },
      { op: "delete", text: "one hour" },
      { op: "insert", text: "ten minutes" },
      { op: "equal", text: " of its creation" },
    ]);
  });

  it("handles text added at either end and empty sides", () => {
    expect(diffWords("", "new words")).toEqual([{ op: "insert", text: "new words" }]);
    expect(diffWords("old words", "")).toEqual([{ op: "delete", text: "old words" }]);
    expect(diffWords("a b", "a b c")).toEqual([
      { op: "equal", text: "a b" },
      { op: "insert", text: " c" },
    ]);
  });

  it("gives back both texts of a long clause with scattered changes", () => {
    const before = Array.from({ length: 2000 }, (_, i) => `w${i % 97}`).join(" ");
    const after = before.replace(/w13 /g, "x13 ").replace(/w50$/, "end");
    const spans = diffWords(before, after);
    expect(applyRedline(spans, "before")).toBe(before);
    expect(applyRedline(spans, "after")).toBe(after);
  });
});
