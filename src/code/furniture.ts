/**
 * Page furniture left behind by PDF extraction: running headers and footers and page numbers.
 * They are layout, never clause text, and may fall anywhere, even in the middle of a clause.
 */

const WHOLE_LINE: readonly RegExp[] = [
  // "SEC Section G – Clean in effect 16Consultation Draft – March 2020"
  /^SEC\s+Section\s+[A-Z]\b.*\b(Draft|Clean|Version|Page\s+\d+|v\d+(\.\d+)*|(19|20)\d\d)\b[^.;:]*$/i,
  /^(Page\s+)?\d{1,3}(\s+of\s+\d{1,3})?$/i,
  /^Smart\s+Energy\s+Code\b.*\b(Page\s+\d+|Draft|Version)\b[^.;:]*$/i,
];

/** The same running footer glued to the end of a line of text by the extraction. */
const GLUED =
  /\s*SEC\s+Section\s+[A-Z]\s+[\u2013-]\s+[^.;:]*?\b(Draft|Clean)\b[^.;:]*?[\u2013-]\s+[A-Z][a-z]+\s+(19|20)\d\d\s*/g;

export function isPageFurniture(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length <= 160 && WHOLE_LINE.some((pattern) => pattern.test(trimmed));
}

/** Removes a running footer that extraction left inside a line of text. */
export function withoutGluedFurniture(line: string): string {
  return line.includes("SEC Section") ? line.replace(GLUED, " ") : line;
}
