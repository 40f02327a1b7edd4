import { type ResponseContent, type ResponseSource, responseContent } from "./response-content.js";

/** Table cells keep to one line and never break the table. */
function cell(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replaceAll("|", "\\|")
    .replace(/\s*\n\s*/g, " ");
}

export function contentMarkdown(content: ResponseContent): string {
  const lines = [`# ${content.title}`, ""];
  for (const [label, value] of content.facts) lines.push(`- **${label}:** ${value}`);
  lines.push("", "## Findings", "");
  if (content.rows.length === 0) lines.push("The report sets out no findings that call for an answer.");
  else {
    lines.push("| Finding | Obligation | Kind | Answer |", "|---|---|---|---|");
    for (const r of content.rows)
      lines.push(`| ${[r.finding, r.obligation, r.kind, r.answer].map(cell).join(" | ")} |`);
  }
  for (const section of content.sections) {
    lines.push("", `### ${section.heading}`);
    for (const p of section.paragraphs) lines.push("", p);
    if (section.steps.length > 0) lines.push("", ...section.steps.map((s) => `- ${s}`));
  }
  return `${lines.join("\n")}\n`;
}

/** The User (or DCC) Security Assessment Response as Markdown (G8.24, G8.26; G9.21, G9.23). */
export function responseMarkdown(source: ResponseSource): string {
  return contentMarkdown(responseContent(source));
}
