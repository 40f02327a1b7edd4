import fc from "fast-check";

/**
 * Section documents made up for property tests: a small model (parts, clauses, nested
 * paragraphs, closing words) written out in either layout the parser reads. Words come from a
 * fixed list that can never be mistaken for a clause number or a label.
 */

export type ModelParagraph = {
  readonly label: string;
  readonly text: string;
  readonly children: readonly ModelParagraph[];
};

export type ModelClause = {
  readonly id: string;
  readonly heading: string;
  readonly intro: string;
  readonly paragraphs: readonly ModelParagraph[];
  readonly trailing: string;
  readonly notUsed: boolean;
};

export type ModelPart = {
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly ModelClause[];
};

export type Model = readonly ModelPart[];

const WORDS = [
  "operator",
  "vault",
  "custodian",
  "register",
  "panel",
  "keeps",
  "records",
  "reviews",
  "every",
  "each",
  "key",
  "device",
  "within",
  "five",
  "days",
  "notice",
  "system",
  "data",
  "log",
  "Operator",
  "Panel",
  "Vault",
  "Register",
  "sealed",
  "copy",
] as const;

const LETTERS = "abcdefghijk";
const ROMANS = ["i", "ii", "iii", "iv", "v", "vi"];
const CAPITALS = "ABCDEF";

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((list) => list.join(" "));

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function labelAt(depth: number, index: number): string {
  if (depth === 0) return LETTERS[index]!;
  if (depth === 1) return ROMANS[index]!;
  return CAPITALS[index]!;
}

type Shape = readonly Shape[];

const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant([] as Shape),
    fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
  ),
})).node;

function paragraphsFor(
  shapes: readonly Shape[],
  depth: number,
  texts: readonly string[],
  closesWithComma: boolean,
) {
  let next = 0;
  const build = (list: readonly Shape[], level: number, last: boolean): ModelParagraph[] =>
    list.slice(0, level === 0 ? 11 : 6).map((children, index, all) => {
      const isLast = index === all.length - 1 && last;
      const own = texts[next++ % texts.length] ?? "note";
      const kids = level < 2 ? children : [];
      const ending =
        kids.length > 0
          ? ":"
          : isLast
            ? closesWithComma
              ? ","
              : "."
            : index === all.length - 2
              ? "; and"
              : ";";
      return {
        label: labelAt(level, index),
        text: `${own}${ending}`,
        children: build(kids, level + 1, isLast),
      };
    });
  return build(shapes, depth, true);
}

const clauseBody = fc
  .record({
    intro: words(2, 12),
    shapes: fc.array(shape, { maxLength: 5 }),
    texts: fc.array(words(1, 10), { minLength: 1, maxLength: 6 }),
    trailing: fc.option(words(2, 8), { nil: undefined }),
    notUsed: fc.boolean(),
  })
  .map(({ intro, shapes, texts, trailing, notUsed }) => {
    if (notUsed && shapes.length === 0)
      return { intro: "Not used.", paragraphs: [], trailing: "", notUsed: true };
    const closing = shapes.length > 0 && trailing !== undefined ? `${trailing.toLowerCase()}.` : "";
    return {
      intro: `${capitalised(intro)}${shapes.length > 0 ? ":" : "."}`,
      paragraphs: paragraphsFor(shapes, 0, texts, closing !== ""),
      trailing: closing,
      notUsed: false,
    };
  });

/** A document of one to three parts, each with a few clauses, some with a lettered suffix. */
export const modelArbitrary: fc.Arbitrary<Model> = fc
  .array(
    fc.record({
      title: words(2, 5),
      clauses: fc.array(
        fc.record({
          suffixed: fc.boolean(),
          heading: fc.option(words(1, 4), { nil: undefined }),
          body: clauseBody,
        }),
        { minLength: 1, maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) =>
    parts.map((part, p) => {
      let number = 0;
      let heading = "";
      const clauses = part.clauses.map((clause, index) => {
        const suffix = clause.suffixed && index > 0 ? "A" : "";
        if (suffix === "") number++;
        if (clause.heading !== undefined) heading = capitalised(clause.heading);
        return { id: `G${p + 1}.${number}${suffix}`, heading, ...clause.body };
      });
      return { id: `G${p + 1}`, title: part.title.toUpperCase(), clauses };
    }),
  )
  .map(withUniqueIds);

function withUniqueIds(model: Model): Model {
  return model.map((part) => {
    const seen = new Set<string>();
    return { ...part, clauses: part.clauses.filter((clause) => !seen.has(clause.id) && seen.add(clause.id)) };
  });
}

function paragraphMarkdown(paragraph: ModelParagraph, depth: number): string[] {
  return [
    `${"  ".repeat(depth)}- (${paragraph.label}) ${paragraph.text}`,
    ...paragraph.children.flatMap((child) => paragraphMarkdown(child, depth + 1)),
  ];
}

export function toMarkdown(model: Model): string {
  const lines: string[] = ["# G SECURITY", ""];
  for (const part of model) {
    lines.push(`## ${part.id}. ${part.title}`, "");
    let heading = "";
    for (const clause of part.clauses) {
      if (clause.heading !== heading) {
        heading = clause.heading;
        lines.push(`### ${heading}`, "");
      }
      lines.push(
        `- ${clause.id} ${clause.intro}`,
        ...clause.paragraphs.flatMap((p) => paragraphMarkdown(p, 1)),
      );
      if (clause.trailing) lines.push("", clause.trailing, "");
    }
    lines.push("");
  }
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

function paragraphText(paragraph: ModelParagraph): string[] {
  return [`(${paragraph.label}) ${paragraph.text}`, ...paragraph.children.flatMap(paragraphText)];
}

/** The layout of PDF extraction: lines wrapped at `width`, blank lines between them, no mark-up. */
export function toPlainText(model: Model, width: number): string {
  const blocks: string[] = ["SECTION G - SECURITY"];
  for (const part of model) {
    blocks.push(`${part.id} ${part.title}`);
    let heading = "";
    for (const clause of part.clauses) {
      if (clause.heading !== heading) {
        heading = clause.heading;
        blocks.push(heading);
      }
      blocks.push(`${clause.id} ${clause.intro}`, ...clause.paragraphs.flatMap(paragraphText));
      if (clause.trailing) blocks.push(clause.trailing);
    }
  }
  return blocks.flatMap((block) => wrap(block, width)).join("\n\n");
}

/** The text the parser should give a model clause: every word once, single spaces. */
export function expectedText(clause: ModelClause): string {
  if (clause.notUsed) return "Not used.";
  return [clause.intro, ...clause.paragraphs.flatMap(paragraphText), clause.trailing]
    .filter(Boolean)
    .join(" ");
}

/**
 * Re-wraps Markdown at the given width without changing a single word: long list items and
 * paragraphs continue on indented lines; headings and table rows stay whole. `emphasise`
 * picks the words to set in bold.
 */
export function rewrapMarkdown(
  source: string,
  width: number,
  emphasise: (word: string, index: number) => boolean,
): string {
  let count = 0;
  const bold = (text: string) =>
    text
      .split(" ")
      .map((word) =>
        word !== "" && /^[A-Za-z]+$/.test(word) && emphasise(word, count++) ? `**${word}**` : word,
      )
      .join(" ");
  return source
    .split("\n")
    .flatMap((line) => {
      if (/^\s*(#|\|)/.test(line) || line.includes("\t") || line.trim() === "") return [line];
      const indent = /^\s*(?:- )?/.exec(line)![0];
      const [first = "", ...rest] = wrap(
        bold(line.slice(indent.length)),
        Math.max(width - indent.length, 10),
      );
      const hang = " ".repeat(indent.length + 2);
      return [`${indent}${first}`, ...rest.map((piece) => `${hang}${piece}`)];
    })
    .join("\n");
}
