import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffSections } from "../../src/code/diff.js";
import { parseSection } from "../../src/code/parse.js";
import { renderSection } from "../../src/code/render.js";
import type { CodeDocument } from "../../src/code/types.js";
import { applyRedline, diffWords } from "../../src/code/word-diff.js";
import { InputError } from "../../src/common/input-error.js";
import { seedFiles } from "../support/shared.js";
import {
  expectedText,
  type Model,
  modelArbitrary,
  rewrapMarkdown,
  toMarkdown,
  toPlainText,
} from "./generate.js";
import { readFixture, readSeed } from "./support.js";

const whole = readSeed(seedFiles.sectionG);
const runs = { numRuns: 60 };

function clausesOf(document: CodeDocument) {
  return document.clauses.map((c) => ({ id: c.id, text: c.text }));
}

function expectedClauses(model: Model) {
  return model.flatMap((part) => part.clauses.map((c) => ({ id: c.id, text: expectedText(c) })));
}

describe("parsing made-up documents", () => {
  it("reads every clause of a generated Markdown document with the words it was given", () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        expect(clausesOf(parseSection(toMarkdown(model)))).toEqual(expectedClauses(model));
      }),
      runs,
    );
  });

  it("reads the same document set out as PDF text at any width with the same words", () => {
    fc.assert(
      fc.property(modelArbitrary, fc.integer({ min: 30, max: 120 }), (model, width) => {
        expect(clausesOf(parseSection(toPlainText(model, width)))).toEqual(expectedClauses(model));
      }),
      runs,
    );
  });

  it("never fails on arbitrary input except with an InputError", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        try {
          parseSection(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never fails on scrambled lines of a real-looking document except with an InputError", () => {
    const lines = readFixture("custody.md").split("\n");
    fc.assert(
      fc.property(fc.shuffledSubarray(lines), (picked) => {
        try {
          parseSection(picked.join("\n"));
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("diff properties", () => {
  it("diff(a, a) has nothing added, removed or changed", () => {
    fc.assert(
      fc.property(modelArbitrary, (model) => {
        const document = parseSection(toMarkdown(model));
        const diff = diffSections(document, document);
        expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);
        expect(diff.unchanged).toHaveLength(document.clauses.length);
      }),
      runs,
    );
  });

  it("diff(a, b) and diff(b, a) swap added and removed and agree on changed", () => {
    fc.assert(
      fc.property(modelArbitrary, modelArbitrary, (one, two) => {
        const a = parseSection(toMarkdown(one));
        const b = parseSection(toMarkdown(two));
        const forward = diffSections(a, b);
        const backward = diffSections(b, a);
        expect(forward.added).toEqual(backward.removed);
        expect(forward.removed).toEqual(backward.added);
        expect([...forward.changed].sort()).toEqual([...backward.changed].sort());
        expect([...forward.unchanged].sort()).toEqual([...backward.unchanged].sort());
      }),
      runs,
    );
  });

  it("re-wrapping lines at any width and adding emphasis changes nothing (generated documents)", () => {
    fc.assert(
      fc.property(modelArbitrary, fc.integer({ min: 20, max: 100 }), fc.integer(), (model, width, seed) => {
        const source = toMarkdown(model);
        const rewrapped = rewrapMarkdown(source, width, (_, index) => (index * 7 + seed) % 5 === 0);
        const diff = diffSections(parseSection(source), parseSection(rewrapped));
        expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);
      }),
      runs,
    );
  });

  it.skipIf(!whole)("re-wrapping seed 001 at any width and adding emphasis changes nothing", () => {
    const original = parseSection(whole!);
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 140 }), fc.integer({ min: 2, max: 9 }), (width, every) => {
        const rewrapped = parseSection(rewrapMarkdown(whole!, width, (_, index) => index % every === 0));
        const diff = diffSections(original, rewrapped);
        expect([diff.added, diff.removed, diff.changed]).toEqual([[], [], []]);
      }),
      { numRuns: 8 },
    );
  });
});

describe("render properties", () => {
  it("parse(render(doc)) keeps every clause, with the same ids and text", () => {
    fc.assert(
      fc.property(modelArbitrary, fc.boolean(), (model, asText) => {
        const document = parseSection(asText ? toPlainText(model, 70) : toMarkdown(model));
        const again = parseSection(renderSection(document));
        expect(clausesOf(again)).toEqual(clausesOf(document));
        expect(again.clauses.map((c) => c.heading)).toEqual(document.clauses.map((c) => c.heading));
        expect(again.parts).toEqual(document.parts);
      }),
      runs,
    );
  });

  it.each([["custody.txt"], ["custody.md"], ["custody-amended.md"]])(
    "parse(render(doc)) keeps every clause and definition of %s",
    (name) => {
      const document = parseSection(readFixture(name));
      const again = parseSection(renderSection(document));
      expect(clausesOf(again)).toEqual(clausesOf(document));
      expect(again.definitions).toEqual(document.definitions);
    },
  );

  it.skipIf(!whole)(
    "parse(render(doc)) keeps every clause of seed 001, its paragraphs and definitions",
    () => {
      const document = parseSection(whole!);
      const again = parseSection(renderSection(document));
      expect(clausesOf(again)).toEqual(clausesOf(document));
      expect(again.definitions).toEqual(document.definitions);
      expect(again.problems).toEqual([]);
    },
  );
});

describe("word redline properties", () => {
  const sentence = fc
    .array(
      fc.constantFrom("the", "DCC", "shall", "notify", "Panel", "within", "5", "days", "(a)", ";", "or"),
      {
        maxLength: 40,
      },
    )
    .chain((words) =>
      fc
        .array(fc.constantFrom(" ", "  ", "\n"), { minLength: words.length, maxLength: words.length })
        .map((gaps) => words.map((word, i) => `${word}${gaps[i]}`).join("")),
    );

  it("diffWords(a, b) gives back a and b", () => {
    fc.assert(
      fc.property(sentence, sentence, (a, b) => {
        const spans = diffWords(a, b);
        expect(applyRedline(spans, "before")).toBe(a);
        expect(applyRedline(spans, "after")).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it("diffWords(a, a) is one equal span (or none for empty text)", () => {
    fc.assert(
      fc.property(sentence, (a) => {
        expect(diffWords(a, a)).toEqual(a === "" ? [] : [{ op: "equal", text: a }]);
      }),
    );
  });
});
