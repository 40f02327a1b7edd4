import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { diffWords as libraryDiffWords } from "diff";
import { diffSections } from "../src/code/diff.js";
import { parseSection } from "../src/code/parse.js";
import type { CodeDocument } from "../src/code/types.js";
import { diffWords } from "../src/code/word-diff.js";
import { type Bench, type BenchResult, medianMs } from "./harness.js";

/**
 * The Code's reader and differ, each measured in the same run as a baseline doing the same job:
 * - parsing the whole of Section G (seed 001, ~200 KB) against a single-regex split at clause
 *   numbers, which finds clause starts but none of the rest (cross-references at line starts,
 *   headings, paragraphs, labels, definitions);
 * - comparing two versions of G2 (seed 000 against 001's G2), from raw text to a word redline of
 *   each changed clause, against the `diff` package's diffWords over the two whole texts.
 * Without ../shared, a generated section of similar size (in the project's own words) stands in.
 */

function seed(name: string): string | undefined {
  const path = fileURLToPath(new URL(`../../shared/seeds/${name}`, import.meta.url));
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

const PHRASES = [
  "The Operator shall keep a register of every key it holds",
  "each custodian shall report the loss of a card within one day",
  "the Panel may inspect the register at any reasonable time",
  "a vault shall record every attempt to open it",
  "the Operator shall review its procedures at least once in each year",
] as const;

/** A made-up section in Markdown: `parts` parts of `clauses` clauses, a few paragraphs each. */
function generatedSection(
  parts: number,
  clauses: number,
  edit: (part: number, clause: number) => string,
): string {
  const lines: string[] = [];
  for (let p = 1; p <= parts; p++) {
    lines.push(`## G${p}. MADE-UP PART ${p}`, "", `### Heading of part ${p}`, "");
    for (let c = 1; c <= clauses; c++) {
      const phrase = PHRASES[(p * 7 + c) % PHRASES.length]!;
      lines.push(`- G${p}.${c} ${phrase}${edit(p, c)}, and in doing so shall:`);
      for (const label of ["a", "b", "c"])
        lines.push(`  - (${label}) ${PHRASES[(c + label.charCodeAt(0)) % PHRASES.length]};`);
      lines.push(`  - (d) tell the Panel, in accordance with Section G${p}.${Math.max(c - 1, 1)}.`);
    }
  }
  return lines.join("\n");
}

/** The naive reader: one regular expression that splits the text at every clause number. */
function naiveSplit(text: string): { id: string; text: string }[] {
  const pieces = text.split(/^[-#*\s]*(G\d+\.\d+[A-Z]*)\s/m);
  const out: { id: string; text: string }[] = [];
  for (let i = 1; i < pieces.length; i += 2)
    out.push({ id: pieces[i]!, text: pieces[i + 1]!.replace(/\s+/g, " ") });
  return out;
}

/** The lines of one part of a Markdown section, from its title to the next part's. */
function partOfMarkdown(text: string, part: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => new RegExp(`^#+\\s+\\**${part}\\.\\s`).test(line));
  const end = lines.findIndex((line, i) => i > start && /^#+\s+\**G\d+\.\s/.test(line));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

function redlineChanged(before: CodeDocument, after: CodeDocument, part: string | undefined): number {
  const diff = diffSections(before, after, part === undefined ? {} : { part });
  const old = new Map(before.clauses.map((c) => [c.id, c.text]));
  const current = new Map(after.clauses.map((c) => [c.id, c.text]));
  for (const id of diff.changed) diffWords(old.get(id)!, current.get(id)!);
  return diff.changed.length;
}

function parseBench(): BenchResult {
  const text = seed("001_248be19cf68288c3.txt") ?? generatedSection(12, 30, () => "");
  const clauses = parseSection(text).clauses.length;
  return {
    name: "code.parse",
    unit: "ms/parse",
    value: medianMs(() => parseSection(text)),
    baseline: { name: "single-regex split", value: medianMs(() => naiveSplit(text)) },
    notes: {
      input: seed("001_248be19cf68288c3.txt") ? "seed 001" : "generated",
      bytes: text.length,
      clauses,
      naiveClauses: naiveSplit(text).length,
      target: "< 50 ms",
    },
  };
}

function diffBench(): BenchResult {
  const draft = seed("000_09f1585a83bf14cf.txt");
  const whole = seed("001_248be19cf68288c3.txt");
  const [before, after, part] =
    draft && whole
      ? [draft, partOfMarkdown(whole, "G2"), "G2"]
      : [
          generatedSection(2, 40, () => ""),
          generatedSection(2, 40, (p, c) => (c % 9 === 0 ? ` of group ${p}` : "")),
          undefined,
        ];
  const ours = () => redlineChanged(parseSection(before), parseSection(after), part);
  const library = () => libraryDiffWords(before, after);
  return {
    name: "code.diff",
    unit: "ms/diff",
    value: medianMs(ours),
    baseline: { name: "diff.diffWords (whole text)", value: medianMs(library, 5) },
    notes: {
      input: draft && whole ? "seed 000 vs seed 001 G2" : "generated",
      changedClauses: ours(),
      baselineChangedRuns: library().filter((change) => change.added || change.removed).length,
      target: "< 100 ms",
    },
  };
}

export const codeBenches: readonly Bench[] = [
  { name: "code.parse", run: parseBench },
  { name: "code.diff", run: diffBench },
];
