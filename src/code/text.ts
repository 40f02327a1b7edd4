/**
 * Plain-text rules shared by the parser, the redline reader and the renderer: what a normalised
 * clause text is, and what the end of a piece of text says about what may follow it.
 */

const TYPOGRAPHY: readonly [RegExp, string][] = [
  [/[\u00a0\u2007\u202f\t]/g, " "],
  [/[\u2018\u2019\u201b]/g, "'"],
  [/[\u201c\u201d\u201f]/g, '"'],
  [/\ufb01/g, "fi"],
  [/\ufb02/g, "fl"],
  [/\u00ad/g, ""],
];
/** Characters normalisation replaces: typography, and whitespace other than a plain space. */
const ODD_CHARACTERS =
  /[\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u2018\u2019\u201b\u201c\u201d\u201f\ufb01\ufb02\u00ad]/;

/**
 * Normalised plain text: typographic quotes and ligatures straightened, soft hyphens dropped,
 * whitespace collapsed. Two layouts of the same words normalise to the same string.
 */
export function normalizeText(text: string): string {
  if (!text.includes("  ") && !ODD_CHARACTERS.test(text)) return text.trim();
  let out = text;
  for (const [pattern, replacement] of TYPOGRAPHY) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, " ").trim();
}

/** Joins normalised pieces of text with single spaces, skipping empty ones. */
export function joinWords(pieces: readonly string[]): string {
  return pieces.filter((piece) => piece !== "").join(" ");
}

/** The text ends a sentence or a clause, so a new clause or a heading may follow. */
export function endsSentence(text: string): boolean {
  return /[.;:)\]]["'\u2019\u201d]?$/.test(text.trimEnd()) || isNotUsedText(text);
}

/** The text ends a list item or an introduction, so a new paragraph label may follow. */
export function endsItem(text: string): boolean {
  const trimmed = text.trimEnd();
  return endsSentence(trimmed) || /,$/.test(trimmed) || /(^|[;,:]\s*)(and|or|and\/or)$/i.test(trimmed);
}

/** The text ends a list item that more items follow: "…;", "…; and", "…; or". */
export function endsListItem(text: string): boolean {
  return /;(\s*(and|or|and\/or))?$/i.test(text.trimEnd());
}

/** The text introduces sub-paragraphs: "… the following:". */
export function introducesList(text: string): boolean {
  return /:$/.test(text.trimEnd());
}

/** "Not used", "[Not used]", "Not used." — a clause number kept with no provision in it. */
export function isNotUsedText(text: string): boolean {
  return /^\[?\s*not\s+used\s*\.?\s*\]?\s*\.?$/i.test(text.trim());
}

/** The canonical text of a clause that is not used, whatever brackets or stop the source had. */
export const NOT_USED_TEXT = "Not used.";

type ParagraphWords = {
  readonly label: string;
  readonly text: string;
  readonly tail?: string;
  readonly children: readonly ParagraphWords[];
};

function paragraphWords(paragraph: ParagraphWords): string[] {
  return [
    paragraph.text === "" ? `(${paragraph.label})` : `(${paragraph.label}) ${paragraph.text}`,
    ...paragraph.children.flatMap(paragraphWords),
    paragraph.tail ?? "",
  ];
}

/**
 * The whole clause as one normalised string, in reading order: opening words, each paragraph
 * with its label, closing words, then the definitions the clause lists ("Term meaning").
 */
export function clauseText(body: {
  readonly intro: string;
  readonly paragraphs: readonly ParagraphWords[];
  readonly trailing?: string;
  readonly definitions?: readonly { readonly term: string; readonly text: string }[];
}): string {
  return joinWords([
    body.intro,
    ...body.paragraphs.flatMap(paragraphWords),
    body.trailing ?? "",
    ...(body.definitions ?? []).map((definition) => `${definition.term} ${definition.text}`),
  ]);
}
