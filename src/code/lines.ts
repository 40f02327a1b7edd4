import { isTableRule, tabDefinition, tableCells } from "./definitions.js";
import { isPageFurniture, withoutGluedFurniture } from "./furniture.js";
import { mendBrokenWords, type Vocabulary } from "./hyphenation.js";
import { clauseAtStart } from "./ids.js";
import { labelAtStart } from "./labels.js";
import { looksLikeMarkdown, readMarker, stripInline } from "./markdown.js";
import { normalizeText } from "./text.js";

/**
 * Source lines turned into units the structure reader can judge: mark-up, page furniture and
 * table rules gone, each unit knowing how it was set out (heading, list item, plain line,
 * definition) but not yet what it means.
 */

/** "markdown": blank lines separate blocks. "text" (PDF extraction): blank lines mean nothing. */
export type Layout = "markdown" | "text";

type Common = {
  /** 1-based source line. */
  readonly line: number;
  /** A blank line came before this one. */
  readonly afterBlank: boolean;
};

export type TextUnit = Common & {
  readonly kind: "heading" | "item" | "plain";
  readonly text: string;
  /** In the text layout: the line stopped well short of the margin, as a paragraph's last line does. */
  readonly short: boolean;
};

export type DefinitionUnit = Common & {
  readonly kind: "definition";
  readonly term: string;
  readonly text: string;
};

/** The tab-led continuation of the definition above. */
export type MoreUnit = Common & { readonly kind: "more"; readonly text: string };

export type Unit = TextUnit | DefinitionUnit | MoreUnit;

/** Markdown needs a couple of lines of block mark-up; one stray dash does not make a layout. */
function layoutOf(lines: readonly string[]): Layout {
  let marked = 0;
  for (const line of lines) {
    if (looksLikeMarkdown(line) && ++marked >= 2) return "markdown";
  }
  return "text";
}

/** Typical line width of extracted text: lines well short of it end a paragraph. */
function typicalWidth(lines: readonly string[]): number {
  const lengths = lines
    .map((line) => line.trim().length)
    .filter((length) => length > 0)
    .sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.8)] ?? 0;
}

const SHORT_FRACTION = 0.65;

/** A line that starts a clause or paragraph is never a definition, even if it holds a tab. */
function startsProvision(line: string): boolean {
  const trimmed = stripInline(line.trim());
  return clauseAtStart(trimmed) !== undefined || labelAtStart(trimmed) !== undefined;
}

export function readUnits(
  source: string,
  vocabulary: Vocabulary,
): { readonly layout: Layout; readonly units: readonly Unit[] } {
  const lines = source.split(/\r\n|\r|\n/);
  const layout = layoutOf(lines);
  const width = layout === "text" ? typicalWidth(lines) : 0;
  const units: Unit[] = [];
  let afterBlank = false;
  const clean = (text: string) =>
    mendBrokenWords(normalizeText(stripInline(withoutGluedFurniture(text))), vocabulary);

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    if (raw.trim() === "") {
      afterBlank = true;
      continue;
    }
    if (isPageFurniture(raw) || isTableRule(raw)) continue;

    const cells = tableCells(raw);
    if (cells) {
      // A row followed by a rule is the table's header, not a definition.
      if (isTableRule(lines[index + 1] ?? "")) continue;
      const [term = "", text = ""] = cells;
      if (cells.length === 2 && term !== "") {
        units.push({ kind: "definition", line, afterBlank, term: clean(term), text: clean(text) });
      } else {
        units.push({ kind: "plain", line, afterBlank, text: clean(cells.join(" ")), short: false });
      }
      afterBlank = false;
      continue;
    }

    const definition =
      raw.includes("\t") && !startsProvision(raw.replace(/^\s*[-*+]\s+/, ""))
        ? tabDefinition(raw)
        : undefined;
    if (definition?.kind === "continuation") {
      units.push({ kind: "more", line, afterBlank, text: clean(definition.text) });
    } else if (definition) {
      units.push({
        kind: "definition",
        line,
        afterBlank,
        term: clean(definition.term),
        text: clean(definition.text),
      });
    } else if (layout === "markdown") {
      const { kind, content } = readMarker(raw);
      units.push({ kind, line, afterBlank, text: clean(content), short: false });
    } else {
      // Extracted text may still carry a bullet; it is layout like any other list marker.
      const text = clean(raw.replace(/^\s*[-*+\u2022]\s+/, ""));
      units.push({ kind: "plain", line, afterBlank, text, short: text.length < width * SHORT_FRACTION });
    }
    afterBlank = false;
  }
  return { layout, units };
}
