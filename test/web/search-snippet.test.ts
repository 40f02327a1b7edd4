import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchSnippet } from "../../src/web/code/search-snippet.js";

describe("search result snippets", () => {
  it("shows the words around a hit, ignoring case", () => {
    // G3.8 is about vulnerabilities; a search for the word should show where it sits.
    expect(searchSnippet("Each User shall manage Vulnerabilities promptly.", "vulnerab", 10)).toEqual({
      before: "…ll manage ",
      match: "Vulnerab",
      after: "ilities pr…",
    });
  });

  it("gives nothing for an empty query or a miss", () => {
    expect(searchSnippet("text", "  ")).toBeUndefined();
    expect(searchSnippet("text", "absent")).toBeUndefined();
  });

  it("takes any query literally, regex characters included", () => {
    expect(searchSnippet("Section G5.18(b)(i) applies", "(b)(i)")?.match).toBe("(b)(i)");
  });

  it("always returns a piece of the text, with the hit as found", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (before, hit, after) => {
        const text = before + hit + after;
        const snippet = searchSnippet(text, hit);
        if (hit.trim() === "") return;
        expect(snippet).toBeDefined();
        const joined = `${snippet!.before}${snippet!.match}${snippet!.after}`.replaceAll("…", "");
        expect(text.replaceAll("…", "")).toContain(joined);
        expect(snippet!.match.toLowerCase()).toBe(hit.trim().toLowerCase());
      }),
    );
  });
});
