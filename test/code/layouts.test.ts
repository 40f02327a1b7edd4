import { describe, expect, it } from "vitest";
import { diffSections } from "../../src/code/diff.js";
import { parseSection } from "../../src/code/parse.js";
import { clause, paragraphIds, readFixture } from "./support.js";

// custody.txt and custody.md carry the same made-up clauses (a fictional Part G14), the first
// set out as PDF-extracted text, the second as converted Markdown, with every layout hazard.
const plain = parseSection(readFixture("custody.txt"));
const markdown = parseSection(readFixture("custody.md"));

describe.each([
  ["PDF-extracted text", plain],
  ["Markdown", markdown],
])("the custody fixture as %s", (_, document) => {
  it("has clauses G14.1–G14.9 in order under part G14", () => {
    expect(document.clauses.map((c) => c.id)).toEqual(Array.from({ length: 9 }, (_, i) => `G14.${i + 1}`));
    expect(document.parts).toEqual([{ id: "G14", title: "KEY CUSTODY: DUTIES OF THE OPERATOR" }]);
  });

  it("puts each clause under its cross-heading, never in its text (G14.3, G14.7)", () => {
    expect(clause(document, "G14.1").heading).toBe("Custody of Keys");
    expect(clause(document, "G14.3").heading).toBe("Review of the Register");
    expect(clause(document, "G14.7").heading).toBe("Custodians");
    expect(clause(document, "G14.2").text).not.toContain("Review of the Register");
  });

  it("nests (a), (i) and (A) and keeps words between sub-lists in order (G14.1, G14.3)", () => {
    expect(paragraphIds(clause(document, "G14.3"))).toEqual([
      "G14.3(a)",
      "G14.3(b)",
      "G14.3(b)(i)",
      "G14.3(b)(i)(A)",
      "G14.3(b)(i)(B)",
      "G14.3(b)(ii)",
    ]);
    expect(clause(document, "G14.3").trailing).toBe(
      "and in each case shall tell the Panel what the review found.",
    );
    expect(clause(document, "G14.1").paragraphs[1]?.tail).toBe("and whether it has ever been moved; and");
  });

  it("reads a cross-reference that starts a line as text (G14.2)", () => {
    expect(clause(document, "G14.2").intro).toContain("Section G14.1 or G14.3 shall otherwise apply");
    expect(clause(document, "G14.2").intro).toContain("described in Section G14.5 requires.");
  });

  it("reads '(b) applies' after 'paragraph' as text (G14.8(a))", () => {
    expect(paragraphIds(clause(document, "G14.8"))).toEqual(["G14.8(a)", "G14.8(b)"]);
    expect(clause(document, "G14.8").references).toEqual([{ from: "G14.8(a)", to: "G14.8(b)" }]);
  });

  it("tells letter (i) after (h) from roman (i) (G14.7(i))", () => {
    expect(
      clause(document, "G14.7")
        .paragraphs.map((p) => p.label)
        .join(""),
    ).toBe("abcdefghi");
  });

  it("marks 'Not used' whatever its brackets (G14.6)", () => {
    expect(clause(document, "G14.6")).toMatchObject({ notUsed: true, text: "Not used.", paragraphs: [] });
  });

  it("reads the clause's definitions (G14.9)", () => {
    expect(document.definitions).toEqual([
      {
        term: "Custodian",
        text: "means a person whom the Operator has named to hold a key.",
        clause: "G14.9",
      },
      { term: "Vault", text: "means a tamper-evident device for storing keys.", clause: "G14.9" },
    ]);
  });

  it("expands a range of clauses into each clause (G14.4)", () => {
    expect(clause(document, "G14.4").references.map((r) => r.to)).toEqual(["G14.1", "G14.2", "G14.3"]);
  });
});

describe("layout is not text", () => {
  it("gives the same text for every clause in both layouts, so a diff finds nothing", () => {
    expect(markdown.clauses.map((c) => c.text)).toEqual(plain.clauses.map((c) => c.text));
    expect(diffSections(plain, markdown)).toMatchObject({ added: [], removed: [], changed: [] });
  });

  it("drops the page footer that falls inside G14.3(b)(i)", () => {
    expect(clause(plain, "G14.3").text).not.toMatch(/Consultation|Draft|2031/);
    expect(plain.problems).toEqual([]);
  });

  it("mends hyphenation: compounds keep their hyphen, broken words close up (G14.1(b)(i), G14.2)", () => {
    expect(clause(plain, "G14.1").text).toContain("the Key Custody Sub-Committee; or");
    // "regis-/ter": the document writes "register" elsewhere, so the break is not a hyphen.
    expect(clause(plain, "G14.2").text).toContain("the register need only show");
    expect(clause(markdown, "G14.1").text).toContain("the Key Custody Sub-Committee; or");
  });

  it("strips emphasis and markers, and infers the lost label (b) with a reported problem (G14.1)", () => {
    expect(clause(markdown, "G14.1").text).toContain("The Operator shall keep");
    expect(clause(markdown, "G14.1").text).toContain("due to be destroyed.");
    expect(clause(markdown, "G14.1").paragraphs[1]).toMatchObject({ label: "b", inferred: true });
    expect(markdown.problems).toEqual([
      { line: 9, message: "paragraph label missing; read as (b) from its neighbours" },
    ]);
  });

  it("strips every form of emphasis and escape the converter may leave", () => {
    const source = "- G2.1 The *Operator* shall __keep__ a **register**, _sealed_ and \\*numbered\\*.\n";
    expect(clause(parseSection(source), "G2.1").text).toBe(
      "The Operator shall keep a register, sealed and *numbered*.",
    );
  });

  it("reads a clause set as a heading, under a mis-levelled cross-heading (G14.3)", () => {
    expect(clause(markdown, "G14.3").line).toBe(20);
    expect(clause(markdown, "G14.3").part).toBe("G14");
  });
});

describe("problems are reported, not guessed silently", () => {
  it("reports text before the first clause that is not a heading", () => {
    const document = parseSection(
      "G2 A PART\n\nSome words that are not a heading.\n\nG2.1 The first clause.\n",
    );
    expect(document.problems).toEqual([{ line: 3, message: "text before the first clause" }]);
  });

  it("reports a label out of sequence and an unlabelled item it cannot place", () => {
    const source = [
      "- G2.1 The Operator shall:",
      "  - (a) keep a log;",
      "  - (c) review it.",
      "- G2.2 The Operator shall:",
      "  - (a) keep a copy:",
      "    - (i) on paper; and",
      "  - a second copy elsewhere; and",
    ].join("\n");
    const document = parseSection(source);
    expect(document.problems).toEqual([
      { line: 3, message: "paragraph (c) out of sequence after (a)" },
      { line: 7, message: "unlabelled list item whose label cannot be told; kept as text" },
    ]);
  });

  it("reports a clause number that goes backwards at a line start and reads it as text", () => {
    const source = "G2.4 The Operator shall keep a log.\n\nG2.2 The Panel may ask for it.\n";
    const document = parseSection(source);
    expect(document.clauses.map((c) => c.id)).toEqual(["G2.4"]);
    expect(document.problems).toEqual([
      { line: 3, message: "line starts with G2.2 but the clause before is G2.4; read as text" },
    ]);
  });

  it("reads (I) after (k) as (l), saying so (as in G11.5 of seed 001)", () => {
    const labels = "abcdefghijk".split("").map((l) => `- (${l}) item;`);
    const document = parseSection(["- G2.1 The Operator shall:", ...labels, "", "(I) last item."].join("\n"));
    expect(clause(document, "G2.1").paragraphs.at(-1)?.label).toBe("l");
    expect(document.problems).toEqual([
      { line: 14, message: "label (I) read as (l), which the sequence expects" },
    ]);
  });
});
