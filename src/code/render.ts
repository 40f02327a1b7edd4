import type { Clause, CodeDocument, Definition, Paragraph } from "./types.js";

/**
 * A CodeDocument written back out as canonical Markdown: a part title per part, a heading where
 * the cross-heading changes, each clause as a list item with its paragraphs nested beneath,
 * closing words as plain paragraphs, and definitions as two-column tables. Reading the result
 * back gives the same clauses with the same text.
 */

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function table(definitions: readonly Definition[]): string[] {
  if (definitions.length === 0) return [];
  return [
    "",
    "| Term | Meaning |",
    "| --- | --- |",
    ...definitions.map((d) => `| ${escapeCell(d.term)} | ${escapeCell(d.text)} |`),
    "",
  ];
}

function paragraphLines(paragraph: Paragraph, depth: number): string[] {
  const indent = "  ".repeat(depth);
  const lines = [`${indent}- (${paragraph.label}) ${paragraph.text}`.trimEnd()];
  for (const child of paragraph.children) lines.push(...paragraphLines(child, depth + 1));
  if (paragraph.tail) lines.push("", paragraph.tail, "");
  return lines;
}

function clauseLines(clause: Clause, definitions: readonly Definition[]): string[] {
  return [
    `- ${clause.id} ${clause.intro}`.trimEnd(),
    ...clause.paragraphs.flatMap((paragraph) => paragraphLines(paragraph, 1)),
    ...(clause.trailing ? ["", clause.trailing, ""] : []),
    ...table(definitions),
  ];
}

export function renderSection(document: CodeDocument): string {
  const lines: string[] = [];
  let part: string | undefined;
  let heading = "";
  for (const clause of document.clauses) {
    if (clause.part !== part) {
      part = clause.part;
      heading = "";
      const title = document.parts.find((p) => p.id === clause.part)?.title;
      if (title !== undefined) lines.push("", `## ${clause.part}. ${title}`, "");
    }
    if (clause.heading !== heading) {
      heading = clause.heading;
      if (heading !== "") lines.push("", `### ${heading}`, "");
    }
    lines.push(
      ...clauseLines(
        clause,
        document.definitions.filter((d) => d.clause === clause.id),
      ),
    );
  }
  const schedule = document.definitions.filter((d) => d.clause === undefined);
  if (schedule.length > 0) lines.push("", "### Definitions", ...table(schedule));
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}
