import { InputError } from "../common/input-error.js";
import { vocabularyOf } from "./hyphenation.js";
import { partOf } from "./ids.js";
import { readUnits } from "./lines.js";
import { buildParagraphs } from "./paragraphs.js";
import { findReferences, type KnownProvisions } from "./references.js";
import { readStructure } from "./structure.js";
import { clauseText, isNotUsedText, NOT_USED_TEXT, normalizeText } from "./text.js";
import type { Clause, CodeDocument, Definition, Paragraph } from "./types.js";

export type ParseOptions = {
  /**
   * Whole sections keep clause numbers in order, so a number that goes backwards or jumps far
   * ahead at a line start is a cross-reference. Redlines carry a few clauses in any order.
   */
  readonly ordered?: boolean;
};

function collectIds(paragraphs: readonly Paragraph[], into: Set<string>): void {
  for (const paragraph of paragraphs) {
    into.add(paragraph.id);
    collectIds(paragraph.children, into);
  }
}

/**
 * Reads a SEC section document — PDF-extracted text or Markdown — into its clauses, parts,
 * definitions and the problems met on the way. Throws InputError (with a line) for input that
 * is not such a document or that numbers a clause twice.
 */
export function parseSection(source: string, options: ParseOptions = {}): CodeDocument {
  if (source.trim() === "") throw new InputError({ line: 1 }, "a SEC section document (the input is empty)");
  const vocabulary = vocabularyOf(source);
  const { layout, units } = readUnits(source, vocabulary);
  const draft = readStructure(units, layout, vocabulary, { ordered: options.ordered ?? true });
  if (draft.clauses.length === 0) {
    throw new InputError({ line: 1 }, "a SEC section document: numbered clauses such as G2.1 (found none)");
  }

  const problems = [...draft.problems];
  const definitions: Definition[] = draft.definitions.map((definition) => ({
    term: normalizeText(definition.term),
    text: normalizeText(definition.text),
    ...(definition.clause === undefined ? {} : { clause: definition.clause }),
  }));
  const bodies = draft.clauses.map((clause) => {
    const body = buildParagraphs(clause.number.id, clause.intro.text, clause.blocks);
    problems.push(...body.problems);
    return body;
  });

  const provisions = new Set<string>();
  for (const body of bodies) collectIds(body.paragraphs, provisions);
  const known: KnownProvisions = { clauses: draft.clauses.map((clause) => clause.number.id), provisions };

  const clauses = draft.clauses.map((draftClause, index): Clause => {
    const body = bodies[index]!;
    const id = draftClause.number.id;
    const own = definitions.filter((definition) => definition.clause === id);
    const notUsed =
      body.paragraphs.length === 0 && body.trailing === "" && own.length === 0 && isNotUsedText(body.intro);
    return {
      id,
      part: partOf(draftClause.number),
      heading: normalizeText(draftClause.heading),
      text: notUsed ? NOT_USED_TEXT : clauseText({ ...body, definitions: own }),
      intro: body.intro,
      paragraphs: body.paragraphs,
      ...(body.trailing === "" ? {} : { trailing: body.trailing }),
      notUsed,
      references: findReferences({ id, ...body }, known),
      line: draftClause.line,
    };
  });

  return {
    parts: draft.parts.map((part) => ({ id: part.id, title: normalizeText(part.title) })),
    clauses,
    definitions,
    problems: problems.sort((a, b) => a.line - b.line),
  };
}
