import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clauseOf, linkMentions, provisionRoute, referenceTargets } from "../../src/web/code/references.js";
import { clausesRoute } from "../../src/web/routes.js";

describe("cross-references in clause text", () => {
  it("links each mention of a referenced clause, paragraph ids included", () => {
    // G1.7(c)(i) reads G5.18(b)(i) with a substitution: the link must carry the paragraph.
    const segments = linkMentions("the reference in Section G5.18(b)(i) to G3 and G4", new Set(["G5.18"]));
    expect(segments).toEqual([
      { kind: "text", text: "the reference in Section " },
      { kind: "ref", text: "G5.18(b)(i)", provision: "G5.18(b)(i)" },
      { kind: "text", text: " to G3 and G4" },
    ]);
  });

  it("links a whole part, and ends a mention at the end of a sentence", () => {
    // G1.1 points at whole parts ("Sections G2 to G9"); a part link opens that part's clause list.
    const segments = linkMentions("read with Sections G2 and G3.2.", new Set(["G2", "G3.2"]));
    expect(segments.filter((segment) => segment.kind === "ref").map((segment) => segment.text)).toEqual([
      "G2",
      "G3.2",
    ]);
    const from = clausesRoute({ version: "v1", q: "misuse", clause: "G1.1" });
    expect(provisionRoute(from, "G2")).toEqual(clausesRoute({ version: "v1", part: "G2" }));
    // Following a clause reference keeps the list as it was, search included.
    expect(provisionRoute(from, "G3.2(a)")).toEqual({ ...from, clause: "G3.2(a)" });
  });

  it("does not take a product or proposal name for a reference", () => {
    // G1.10 speaks of SMETS1 devices; DP087 is the proposal that corrected G3.20.
    expect(linkMentions("SMETS1 and DP087", new Set(["S1", "P087"]))).toEqual([
      { kind: "text", text: "SMETS1 and DP087" },
    ]);
  });

  it("leaves mentions of clauses the clause does not refer to as text", () => {
    // G1.8 mentions Section M7, outside Section G; nothing links unless the API lists it.
    expect(linkMentions("see Section G2.44A and M7.1", new Set(["G2.44"]))).toEqual([
      { kind: "text", text: "see Section G2.44A and M7.1" },
    ]);
  });

  it("keeps the text intact whatever it holds", () => {
    const mention = fc.constantFrom("G1.2", "G2.44A", "G5.18(b)(i)", "G12.5", "M8.2");
    const piece = fc.oneof(fc.string(), mention);
    const linkable = fc.subarray(["G1.2", "G2.44A", "G5.18", "G12.5"]).map((ids) => new Set(ids));
    fc.assert(
      fc.property(fc.array(piece), linkable, (pieces, ids) => {
        const text = pieces.join(" ");
        const segments = linkMentions(text, ids);
        expect(segments.map((segment) => segment.text).join("")).toBe(text);
        for (const segment of segments) {
          if (segment.kind === "ref") expect(ids.has(clauseOf(segment.provision))).toBe(true);
        }
      }),
    );
  });

  it("lists each target once, in order, leaving out references to the clause itself", () => {
    // G1.12 refers to itself ("Where this Section G1.12 applies") and to G1.13 and G9.
    const targets = referenceTargets("G1.12", [
      { from: "G1.12", to: "G1.12" },
      { from: "G1.12", to: "G1.13" },
      { from: "G1.12(b)", to: "G9.1" },
      { from: "G1.12(b)", to: "G1.13" },
    ]);
    expect(targets).toEqual(["G1.13", "G9.1"]);
  });

  it("finds the clause a paragraph id belongs to", () => {
    expect(clauseOf("G2.44A(c)(ii)")).toBe("G2.44A");
    expect(clauseOf("G3.20")).toBe("G3.20");
  });
});
