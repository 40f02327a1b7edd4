/**
 * The regulation text as data. A SEC section document parses into a CodeDocument: its numbered
 * clauses in document order, each with its paragraph tree, the cross-heading it sits under,
 * the cross-references it makes, and the definitions the document carries. Everything here is
 * plain, serialisable data so it can be stored, diffed and sent over the API unchanged.
 */

/** A clause number as the Code writes it: part, number and optional letter suffix, e.g. "G2.44A". */
export type ClauseId = string;

/** A clause or paragraph id, e.g. "G2.44A" or "G2.44A(c)(ii)". */
export type ProvisionId = string;

export type Paragraph = {
  /** The label without brackets: "a", "ii", "A". */
  readonly label: string;
  readonly id: ProvisionId;
  /** This paragraph's own words, without its label and without its sub-paragraphs. */
  readonly text: string;
  readonly children: readonly Paragraph[];
  /**
   * Words after its sub-paragraphs that close this paragraph, before the next paragraph at its
   * level (e.g. "…, the DCC shall be entitled to:" between two runs of sub-paragraphs).
   */
  readonly tail?: string;
  /** True when the label was missing in the source and inferred from its siblings. */
  readonly inferred?: boolean;
};

export type CrossReference = {
  /** The provision that makes the reference. */
  readonly from: ProvisionId;
  /** The provision referred to; a range ("G3.2 to G3.3") is expanded into one entry per clause. */
  readonly to: ProvisionId;
};

export type Clause = {
  readonly id: ClauseId;
  /** The part the clause belongs to, e.g. "G2". */
  readonly part: string;
  /** The cross-heading the clause sits under ("" when none). Never part of the clause text. */
  readonly heading: string;
  /** The whole clause as normalised plain text: words joined, layout and mark-up removed. */
  readonly text: string;
  /** The words before the first paragraph (the whole text when there are none). */
  readonly intro: string;
  readonly paragraphs: readonly Paragraph[];
  /** The words after the last paragraph that belong to the clause as a whole ("unless …"); absent when none. */
  readonly trailing?: string;
  /** The clause says only that it is not used (a repealed or reserved number). */
  readonly notUsed: boolean;
  readonly references: readonly CrossReference[];
  /** 1-based line of the source where the clause starts. */
  readonly line: number;
};

export type Definition = {
  readonly term: string;
  readonly text: string;
  /** The clause whose definition list holds it ("For the purposes of this Section G12: …"); absent for a schedule of definitions. */
  readonly clause?: ClauseId;
};

export type Part = { readonly id: string; readonly title: string };

/** Something the parser saw but could not place, reported rather than guessed silently. */
export type ParseProblem = { readonly line: number; readonly message: string };

export type CodeDocument = {
  readonly parts: readonly Part[];
  readonly clauses: readonly Clause[];
  readonly definitions: readonly Definition[];
  readonly problems: readonly ParseProblem[];
};

export type ClauseDiff = {
  readonly added: readonly ClauseId[];
  readonly removed: readonly ClauseId[];
  readonly changed: readonly ClauseId[];
  readonly unchanged: readonly ClauseId[];
};

/** One run of a word-level redline. */
export type RedlineSpan = { readonly op: "equal" | "insert" | "delete"; readonly text: string };
