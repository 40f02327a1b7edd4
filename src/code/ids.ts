import type { ClauseId } from "./types.js";

/** A clause number taken apart, so that document order can be checked numerically. */
export type ClauseNumber = {
  readonly id: ClauseId;
  /** The section letter: "G". */
  readonly letter: string;
  /** The part number: 2 in "G2.44A". */
  readonly part: number;
  /** The clause number within the part: 44 in "G2.44A". */
  readonly number: number;
  /** The letter suffix of a clause inserted later: "A" in "G2.44A" ("" when none). */
  readonly suffix: string;
};

/** A clause number at the very start of a line, followed by a space or the end of the line. */
const CLAUSE_AT_START = /^([A-Z])(\d{1,2})\.(\d{1,3})([A-Z]{0,2})(?=\s|$)/;

/** The clause number a line starts with, and the words after it. */
export function clauseAtStart(
  text: string,
): { readonly number: ClauseNumber; readonly rest: string } | undefined {
  const match = CLAUSE_AT_START.exec(text);
  if (!match) return undefined;
  const [whole, letter, part, number, suffix] = match;
  return {
    number: {
      id: whole,
      letter: letter!,
      part: Number(part),
      number: Number(number),
      suffix: suffix!,
    },
    rest: text.slice(whole.length).trim(),
  };
}

export function parseClauseId(id: string): ClauseNumber | undefined {
  const found = clauseAtStart(id);
  return found && found.number.id === id ? found.number : undefined;
}

/** The part a clause belongs to: "G2" for "G2.44A". */
export function partOf(id: ClauseNumber): string {
  return `${id.letter}${id.part}`;
}

function compareSuffix(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Orders clause numbers as the Code does: by part, number, then suffix ("" < "A" < "Z" < "AA"). */
export function compareClauseNumbers(a: ClauseNumber, b: ClauseNumber): number {
  return a.part - b.part || a.number - b.number || compareSuffix(a.suffix, b.suffix);
}

/** How far a clause number may jump ahead of the previous one and still be read as the next clause. */
const MAX_GAP = 5;

/**
 * Whether `next` can follow `previous` in a whole section: later in order, and not so far ahead
 * that it is more likely a cross-reference that happens to start a line.
 */
export function isPlausibleSuccessor(previous: ClauseNumber | undefined, next: ClauseNumber): boolean {
  if (previous === undefined) return true;
  if (next.letter !== previous.letter || compareClauseNumbers(previous, next) >= 0) return false;
  if (next.part === previous.part) return next.number - previous.number <= MAX_GAP;
  return next.part - previous.part <= 2 && next.number <= MAX_GAP;
}
