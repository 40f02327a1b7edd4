/**
 * Markdown mark-up that carries no words: heading and list markers, emphasis, escapes, links,
 * inline code and line breaks. Everything here maps a line to the plain words it shows.
 */

/** How a Markdown line is set out; levels and indentation are not kept, conversions get them wrong. */
export type LineKind = "heading" | "item" | "plain";

const HEADING = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const ITEM = /^\s*[-*+\u2022](?:\s+(.*))?$/;

/** Splits a Markdown line into how it is set out and its content. */
export function readMarker(line: string): { readonly kind: LineKind; readonly content: string } {
  const heading = HEADING.exec(line);
  if (heading) return { kind: "heading", content: heading[1]! };
  const item = ITEM.exec(line);
  // "**bold**" and "*emphasis*" also start with a star; an item needs a space after its marker.
  if (item && (item[1] !== undefined || /^\s*[-*+\u2022]\s*$/.test(line)) && !/^\s*\*\*/.test(line)) {
    return { kind: "item", content: item[1] ?? "" };
  }
  return { kind: "plain", content: line.trim() };
}

/** Whether a line uses Markdown block mark-up at all (a heading, a list item or a table row). */
export function looksLikeMarkdown(line: string): boolean {
  return HEADING.test(line) || /^\s*[-*+]\s+\S/.test(line) || /^\s*\|.*\|\s*$/.test(line);
}

const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!|~<>])/g;
const PRIVATE_BASE = 0xe000;

/** Removes inline mark-up, keeping the words: emphasis, escapes, links, code spans and breaks. */
export function stripInline(text: string): string {
  if (!/[\\*_`<[]/.test(text)) return text;
  // Escaped characters are parked in the private-use area so emphasis removal cannot touch them.
  let out = text.replace(ESCAPABLE, (_, char: string) =>
    String.fromCharCode(PRIVATE_BASE + char.charCodeAt(0)),
  );
  out = out
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*|__/g, "")
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2");
  return out.replace(/[\ue000-\ue0ff]/g, (char) => String.fromCharCode(char.charCodeAt(0) - PRIVATE_BASE));
}
