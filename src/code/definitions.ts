/**
 * Definition lines: "Term<TAB>meaning" as in the Code's definition schedules, or a two-column
 * Markdown table row "| Term | meaning |". A line that starts with a tab continues the meaning
 * above it.
 */

/** A table rule ("|---|---|") or the rule a conversion left as dashes and a tab. */
export function isTableRule(line: string): boolean {
  return /^[\s|:\t-]+$/.test(line) && /-{3,}/.test(line);
}

/** The cells of a Markdown table row, or undefined when the line is not one. */
export function tableCells(line: string): readonly string[] | undefined {
  const match = /^\s*\|(.*)\|\s*$/.exec(line);
  if (!match) return undefined;
  return match[1]!.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, "|").trim());
}

export type TabDefinition =
  | { readonly kind: "definition"; readonly term: string; readonly text: string }
  | { readonly kind: "continuation"; readonly text: string };

/** A tab-separated definition line, or the tab-led continuation of one. */
export function tabDefinition(line: string): TabDefinition | undefined {
  if (!line.includes("\t")) return undefined;
  const continuation = /^\t+(\S.*)$/.exec(line);
  if (continuation) return { kind: "continuation", text: continuation[1]!.trim() };
  const match = /^\s*([^\t]{1,150}?)\s*\t+\s*(\S.*)$/.exec(line);
  if (!match) return undefined;
  return { kind: "definition", term: match[1]!, text: match[2]!.trim() };
}
