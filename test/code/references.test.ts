import { describe, expect, it } from "vitest";
import { parseSection } from "../../src/code/parse.js";
import { clause } from "./support.js";

function refs(source: string, id: string): string[] {
  return clause(parseSection(source), id).references.map((r) => `${r.from}>${r.to}`);
}

describe("cross-references", () => {
  const document = [
    "- G5.1 The Operator shall keep a log.",
    "- G5.2 The Operator shall keep a register.",
    "- G5.2A The register is public.",
    "- G5.3 The Panel may inspect:",
    "  - (a) the log kept under Section G5.1; and",
    "  - (b) anything in Sections G5.1 to G5.3, save as set out in paragraph (a).",
    "- G5.4 Sections G7.2 to G7.4 and Section G8.1(b)(ii) or (iii) apply, as do Sections G2 to G4.",
    "- G5.5 The items in paragraph (c) of the definition of Register are excluded, and G9.1 applies.",
  ].join("\n");

  it("links a named clause from the paragraph that names it (G5.3(a))", () => {
    expect(refs(document, "G5.3")).toContain("G5.3(a)>G5.1");
  });

  it("expands a range through every clause the document holds, suffixed ones included (G5.3(b))", () => {
    expect(refs(document, "G5.3").filter((r) => r.startsWith("G5.3(b)>"))).toEqual([
      "G5.3(b)>G5.1",
      "G5.3(b)>G5.2",
      "G5.3(b)>G5.2A",
      "G5.3(b)>G5.3(a)",
    ]);
  });

  it("expands ranges of clauses outside the document and of parts by number (G5.4)", () => {
    expect(refs(document, "G5.4")).toEqual([
      "G5.4>G7.2",
      "G5.4>G7.3",
      "G5.4>G7.4",
      "G5.4>G8.1(b)(ii)",
      "G5.4>G8.1(b)(iii)",
      "G5.4>G2",
      "G5.4>G3",
      "G5.4>G4",
    ]);
  });

  it("skips paragraphs of a definition and links bare clause numbers (G5.5)", () => {
    expect(refs(document, "G5.5")).toEqual(["G5.5>G9.1"]);
  });
});
