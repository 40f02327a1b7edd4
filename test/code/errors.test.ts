import { describe, expect, it } from "vitest";
import { parseSection } from "../../src/code/parse.js";
import { parseRedline } from "../../src/code/redline.js";
import { InputError } from "../../src/common/input-error.js";
import { readFixture } from "./support.js";

function failure(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("bad input is an InputError with a line", () => {
  it("rejects an empty document", () => {
    expect(failure(() => parseSection(readFixture("empty.txt"))).message).toBe(
      "1: expected a SEC section document (the input is empty)",
    );
    expect(() => parseSection(" \n\t\n")).toThrow(InputError);
  });

  it("rejects a document with no numbered clause", () => {
    const error = failure(() => parseSection(readFixture("not-a-section.md")));
    expect(error.where.line).toBe(1);
    expect(error.expected).toMatch(/numbered clauses such as G2.1 \(found none\)/);
  });

  it("rejects a clause number used twice, naming both lines (text layout)", () => {
    const error = failure(() => parseSection(readFixture("duplicate.txt")));
    expect(error.message).toBe("7: expected each clause number once (G14.2 appears again; first at line 5)");
  });

  it("rejects a clause number used twice, naming both lines (Markdown list)", () => {
    expect(failure(() => parseSection(readFixture("duplicate.md"))).message).toBe(
      "5: expected each clause number once (G14.1 appears again; first at line 3)",
    );
  });

  it("rejects unbalanced redline mark-up at the line where it opens", () => {
    const source = "G2.1 The Operator shall keep a ~~log.\n\nG2.2 The Panel may ask for it.\n";
    expect(failure(() => parseRedline(source)).message).toBe(
      "1: expected a closing ~~ for the deletion opened here",
    );
    expect(failure(() => parseRedline("G2.1 Words.\n\n<u>G2.2 More words.\n")).message).toBe(
      "3: expected a closing tag for the mark-up opened here",
    );
  });
});
