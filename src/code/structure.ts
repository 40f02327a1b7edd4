import { InputError } from "../common/input-error.js";
import { joinLines, type Vocabulary } from "./hyphenation.js";
import { type ClauseNumber, clauseAtStart, compareClauseNumbers, isPlausibleSuccessor } from "./ids.js";
import { labelAtStart } from "./labels.js";
import type { Layout, TextUnit, Unit } from "./lines.js";
import { endsItem, endsSentence } from "./text.js";
import type { ParseProblem, Part } from "./types.js";

/**
 * The second reading: units become clauses, parts, headings and definitions. This is where a
 * line that starts with a clause number is judged to be a clause or a cross-reference, and a
 * plain line a heading or text.
 */

/** A stretch of a clause after its opening words: a labelled paragraph or unlabelled text. */
export type Block = {
  readonly kind: "label" | "free";
  /** The label as written ("" for free text). */
  readonly label: string;
  readonly line: number;
  /** Set out as a Markdown list item (unlabelled items may have lost their label). */
  readonly item: boolean;
  text: string;
};

export type DraftDefinition = { readonly term: string; text: string; readonly clause?: string };

export type ClauseDraft = {
  readonly number: ClauseNumber;
  readonly line: number;
  readonly heading: string;
  readonly intro: { text: string };
  readonly blocks: Block[];
};

export type DocumentDraft = {
  readonly parts: readonly Part[];
  readonly clauses: readonly ClauseDraft[];
  readonly definitions: readonly DraftDefinition[];
  readonly problems: readonly ParseProblem[];
};

export type StructureOptions = {
  /** Whole sections keep clauses in number order; redlines carry a few clauses in any order. */
  readonly ordered: boolean;
};

const PART = /^([A-Z])(\d{1,2})\.?\s+(\S.*)$/;
const MAX_HEADING = 160;
/** A cross-heading may wrap onto this many lines. */
const MAX_HEADING_LINES = 3;
const CAPITALS_ONLY = /^[^a-z]*[A-Z]{2}[^a-z]*$/;

/** A part title: "G2 SYSTEM SECURITY: …" (capitals in plain text; any case as a Markdown heading). */
function partTitle(
  text: string,
  asHeading: boolean,
): { readonly id: string; readonly title: string } | undefined {
  const match = PART.exec(text);
  if (!match || clauseAtStart(text)) return undefined;
  const title = match[3]!.trim();
  if (!asHeading && !CAPITALS_ONLY.test(title)) return undefined;
  return { id: `${match[1]}${match[2]}`, title };
}

function looksLikeHeading(text: string): boolean {
  return (
    /^[A-Z0-9]/.test(text) &&
    text.length <= MAX_HEADING &&
    !/[.;:,]$/.test(text) &&
    labelAtStart(text) === undefined
  );
}

type Sink = { text: string };

type DraftPart = { readonly id: string; title: string };

export function readStructure(
  units: readonly Unit[],
  layout: Layout,
  vocabulary: Vocabulary,
  options: StructureOptions,
): DocumentDraft {
  const parts: DraftPart[] = [];
  const clauses: ClauseDraft[] = [];
  const definitions: DraftDefinition[] = [];
  const problems: ParseProblem[] = [];
  const seen = new Map<string, number>();

  let current: ClauseDraft | undefined;
  let letter: string | undefined;
  /** False after a heading or part title, until the next clause starts. */
  let inClause = false;
  let heading = "";
  /** Where a continuation line goes. */
  let sink: Sink | undefined;
  /** The last line of text read, whose ending decides what may follow; undefined after a heading. */
  let lastText: string | undefined;
  let lastShort = false;
  let lastDefinition: DraftDefinition | undefined;
  /** The part title just read, which a long title may continue on the next line. */
  let openPart: DraftPart | undefined;

  const problem = (line: number, message: string) => problems.push({ line, message });

  /** What follows a heading: a clause, a part, another heading, definitions or the end. */
  const canFollowHeading = (next: Unit | undefined): boolean => {
    if (next === undefined || next.kind === "heading" || next.kind === "definition") return true;
    if (next.kind === "more") return false;
    const found = clauseAtStart(next.text);
    if (found) return !seen.has(found.number.id) && (letter === undefined || found.number.letter === letter);
    return partTitle(next.text, false) !== undefined;
  };

  /**
   * How many plain lines from `index` form a cross-heading (0 when they do not): a capitalised
   * line with no closing punctuation, maybe wrapped onto a line or two more, after the end of a
   * sentence and before a clause, part, heading, definitions or the end of the document.
   */
  const headingLines = (index: number): number => {
    const first = units[index]!;
    if (first.kind !== "plain" || (layout === "markdown" && !first.afterBlank && lastText !== undefined))
      return 0;
    if ((lastText !== undefined && !endsSentence(lastText)) || !looksLikeHeading(first.text)) return 0;
    let length = 0;
    for (let count = 1; count <= MAX_HEADING_LINES; count++) {
      const line = units[index + count - 1];
      if (line === undefined || line.kind !== "plain" || /[.;:,]$/.test(line.text)) return 0;
      if (count > 1 && ((layout === "markdown" && line.afterBlank) || clauseAtStart(line.text))) return 0;
      length += line.text.length;
      if (length > MAX_HEADING) return 0;
      if (canFollowHeading(units[index + count])) return count;
    }
    return 0;
  };

  const endBlock = () => {
    inClause = false;
    sink = undefined;
    lastText = undefined;
    lastDefinition = undefined;
  };

  const remember = (unit: TextUnit, into: Sink | undefined) => {
    sink = into;
    lastText = unit.text;
    lastShort = unit.short;
    lastDefinition = undefined;
  };

  /** Whether a line starting with a clause number starts that clause (else it is text). */
  const judgeClause = (number: ClauseNumber, unit: TextUnit): boolean => {
    const first = seen.get(number.id);
    const structural = unit.kind !== "plain";
    if (!structural && lastText !== undefined && !endsSentence(lastText)) return false;
    if (first !== undefined) {
      throw new InputError(
        { line: unit.line },
        `each clause number once (${number.id} appears again; first at line ${first})`,
      );
    }
    const previous = current?.number;
    if (!options.ordered || previous === undefined) return true;
    if (structural) {
      if (compareClauseNumbers(previous, number) >= 0) {
        problem(unit.line, `clause ${number.id} comes after ${previous.id}, out of number order`);
      }
      return true;
    }
    if (isPlausibleSuccessor(previous, number)) return true;
    problem(unit.line, `line starts with ${number.id} but the clause before is ${previous.id}; read as text`);
    return false;
  };

  for (let index = 0; index < units.length; index++) {
    const unit = units[index]!;

    if (unit.kind === "definition") {
      const definition: DraftDefinition =
        current && inClause
          ? { term: unit.term, text: unit.text, clause: current.number.id }
          : { term: unit.term, text: unit.text };
      definitions.push(definition);
      lastDefinition = definition;
      sink = definition;
      lastText = unit.text;
      continue;
    }
    if (unit.kind === "more") {
      if (lastDefinition) lastDefinition.text = joinLines(lastDefinition.text, unit.text, vocabulary);
      else problem(unit.line, "a tab-indented line with no definition above it");
      continue;
    }
    if (unit.text === "") continue;

    const text = unit.text;
    const structural = unit.kind !== "plain";
    const midSentence = lastText !== undefined && !endsItem(lastText);

    const clause = clauseAtStart(text);
    if (
      clause &&
      (letter === undefined || clause.number.letter === letter) &&
      judgeClause(clause.number, unit)
    ) {
      letter = clause.number.letter;
      seen.set(clause.number.id, unit.line);
      current = { number: clause.number, line: unit.line, heading, intro: { text: clause.rest }, blocks: [] };
      clauses.push(current);
      inClause = true;
      remember(unit, current.intro);
      continue;
    }

    if (openPart && CAPITALS_ONLY.test(text) && !clause && labelAtStart(text) === undefined) {
      openPart.title = `${openPart.title} ${text}`;
      continue;
    }
    openPart = undefined;

    const part = midSentence ? undefined : partTitle(text, unit.kind === "heading");
    if (part && (letter === undefined || part.id.startsWith(letter))) {
      const draftPart = { ...part };
      parts.push(draftPart);
      // Only a title that ran to the margin can go on to the next line.
      if (layout === "text" && !unit.short) openPart = draftPart;
      heading = "";
      endBlock();
      continue;
    }

    const label = labelAtStart(text);
    if (label && current && (structural || lastText === undefined || endsItem(lastText))) {
      if (!inClause) {
        problem(
          unit.line,
          `paragraph (${label.label}) after a heading; read as part of ${current.number.id}`,
        );
        inClause = true;
      }
      const block: Block = {
        kind: "label",
        label: label.label,
        line: unit.line,
        item: structural,
        text: label.rest,
      };
      current.blocks.push(block);
      remember(unit, block);
      continue;
    }

    if (unit.kind === "heading") {
      heading = text;
      endBlock();
      continue;
    }
    const lines = headingLines(index);
    if (lines > 0) {
      heading = units
        .slice(index, index + lines)
        .map((line) => line.text)
        .join(" ");
      index += lines - 1;
      endBlock();
      continue;
    }

    if (!current || !inClause) {
      if (sink === undefined) {
        problem(
          unit.line,
          current
            ? `text outside any clause (after the heading "${heading}")`
            : "text before the first clause",
        );
        remember(unit, { text });
      } else {
        sink.text = joinLines(sink.text, text, vocabulary);
        remember(unit, sink);
      }
      // Outside a clause there is no sentence for a clause number to be caught in.
      lastText = undefined;
      continue;
    }

    const continues =
      sink !== undefined &&
      (layout === "text"
        ? !(lastShort && /^[a-z]/.test(text) && lastText !== undefined && endsItem(lastText))
        : midSentence || (unit.kind === "plain" && !unit.afterBlank));
    if (continues && sink) {
      sink.text = joinLines(sink.text, text, vocabulary);
      remember(unit, sink);
    } else {
      const block: Block = { kind: "free", label: "", line: unit.line, item: unit.kind === "item", text };
      current.blocks.push(block);
      remember(unit, block);
    }
  }

  return { parts: parts.map((part) => ({ id: part.id, title: part.title })), clauses, definitions, problems };
}
