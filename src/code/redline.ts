import { InputError } from "../common/input-error.js";
import { type ParseOptions, parseSection } from "./parse.js";
import type { CodeDocument, ParseProblem } from "./types.js";

/**
 * A document marked up as a modification's legal text: `~~struck~~` (or <del>, <s>, <strike>)
 * words are deleted, `<u>underlined</u>` (or <ins>) words inserted. Mark-up may span a tab or
 * several words and lines. Each side is parsed as a document of its own, without enforcing
 * clause order (a redline carries a few clauses, in any order).
 */

export type Redline = { readonly before: CodeDocument; readonly after: CodeDocument };

const DELETED = /~~([\s\S]*?)~~|<(del|s|strike)>([\s\S]*?)<\/\2>/gi;
const INSERTED = /<(u|ins)>([\s\S]*?)<\/\1>/gi;
const OPENERS: readonly [RegExp, string][] = [
  [/~~/, "a closing ~~ for the deletion opened here"],
  [/<(u|ins|del|s|strike)>/i, "a closing tag for the mark-up opened here"],
];

/**
 * A struck run of labels at the start of an item, "~~(b)(d)~~": conversion merged an old label
 * (struck) with its replacement (underlined), so the first is the label before and the last the
 * label after.
 */
const RELABELLED = /^(\s*(?:[-*+]\s+)?)~~((?:\([a-zA-Z]{1,4}\)){2,})~~/gm;

/** Keeps a removed span's line breaks, so both sides keep the source's line numbers. */
function blankOut(text: string): string {
  return text.replace(/[^\n]/g, "");
}

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

function relabel(source: string, side: "before" | "after", problems: ParseProblem[]): string {
  return source.replace(RELABELLED, (_, lead: string, run: string, index: number) => {
    const labels = run.match(/\([a-zA-Z]{1,4}\)/g)!;
    const label = side === "before" ? labels[0]! : labels.at(-1)!;
    if (side === "before" && labels[0] !== labels.at(-1)) {
      problems.push({
        line: lineAt(source, index),
        message: `struck labels ${run}: read as ${labels[0]} before and ${labels.at(-1)} after`,
      });
    }
    return `${lead}${label}`;
  });
}

function resolve(source: string, side: "before" | "after", problems: ParseProblem[]): string {
  const relabelled = relabel(source, side, problems);
  if (side === "before") {
    return relabelled
      .replace(INSERTED, (whole: string) => blankOut(whole))
      .replace(DELETED, (_, struck?: string, _tag?: string, tagged?: string) => struck ?? tagged ?? "");
  }
  return relabelled
    .replace(DELETED, (whole: string) => blankOut(whole))
    .replace(INSERTED, (_, _tag: string, inserted: string) => inserted);
}

function checkBalanced(source: string): void {
  const rest = source
    .replace(DELETED, (whole: string) => blankOut(whole))
    .replace(INSERTED, (whole: string) => blankOut(whole));
  for (const [opener, expected] of OPENERS) {
    const match = opener.exec(rest);
    if (match) throw new InputError({ line: lineAt(rest, match.index) }, expected);
  }
}

function withProblems(document: CodeDocument, extra: readonly ParseProblem[]): CodeDocument {
  if (extra.length === 0) return document;
  return { ...document, problems: [...document.problems, ...extra].sort((a, b) => a.line - b.line) };
}

export function parseRedline(source: string): Redline {
  checkBalanced(source);
  const options: ParseOptions = { ordered: false };
  const problems: ParseProblem[] = [];
  const before = parseSection(resolve(source, "before", problems), options);
  const after = parseSection(resolve(source, "after", []), options);
  return { before: withProblems(before, problems), after: withProblems(after, problems) };
}
