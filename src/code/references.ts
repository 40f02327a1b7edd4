import { parseClauseId } from "./ids.js";
import { type LabelKind, labelKinds, nextLabel } from "./labels.js";
import type { ClauseId, CrossReference, Paragraph, ProvisionId } from "./types.js";

/**
 * Cross-references as links. Recognised: "Section G2.13", "Sections G2.13, G2.18 and G5.10",
 * "Section G5.18(b)(i)", "G8.36(a) or (b)" (the second label is read against the first),
 * ranges "Sections G3.2 to G3.3" and "Sections G2 to G9", bare "G2.44", and relative
 * "paragraph (b)" / "paragraph (a)(i) or (ii)" resolved against the paragraph that says it.
 *
 * Ranges of clauses expand to every clause of the document between the two ends, in document
 * order; when the document does not hold both ends (a reference into another part or section),
 * to the plain numbers between them. Ranges of parts ("G2 to G9") expand to every part number
 * between. A relative reference that names no paragraph of its clause, or that points into a
 * definition ("paragraph (c) of the definition of …"), is not a link.
 */

export type KnownProvisions = {
  /** Clause ids in document order. */
  readonly clauses: readonly ClauseId[];
  readonly provisions: ReadonlySet<ProvisionId>;
};

type Item = { readonly id: string | undefined; readonly labels: readonly string[]; readonly range: boolean };

/** "Section(s) " or "paragraph(s) " before a reference, or a bare clause number ("G2.44"). */
const ANCHOR = /(?:Sections?|(?:sub-)?paragraphs?)\s+(?=[A-Z]\d|\()|[A-Z]\d{1,2}\.\d/g;
const ITEM =
  /([A-Z]\d{1,2}(?:\.\d{1,3}[A-Z]{0,2})?)?((?:\((?:[a-z]{1,4}|[A-Z]{1,2}|\d{1,3})\))*)(?![A-Za-z0-9])/y;
const CONNECTOR = /\s*(?:,\s*(?:and\/or|and|or)?|and\/or|and|or|to)\s*(?=[A-Z]\d|\()/y;
const INTO_DEFINITION = /^\s*(?:of|in)\s+(?:the|that|this)\s+definition/;
const MAX_EXPANSION = 100;

function labelsOf(text: string): string[] {
  return [...text.matchAll(/\(([^)]+)\)/g)].map((match) => match[1]!);
}

function provisionId(clause: string, labels: readonly string[]): string {
  return clause + labels.map((label) => `(${label})`).join("");
}

/** Reads "G2.13, G2.18 and G5.10" or "(a)(i) or (ii)" from `start`; returns the items and where they end. */
function readList(text: string, start: number): { readonly items: readonly Item[]; readonly end: number } {
  const items: Item[] = [];
  let position = start;
  let range = false;
  for (;;) {
    ITEM.lastIndex = position;
    const match = ITEM.exec(text);
    if (!match || (match[1] === undefined && match[2] === "")) break;
    items.push({ id: match[1], labels: labelsOf(match[2]!), range });
    position = ITEM.lastIndex;
    CONNECTOR.lastIndex = position;
    const connector = CONNECTOR.exec(text);
    if (!connector) break;
    range = /\bto\b/.test(connector[0]);
    position = CONNECTOR.lastIndex;
  }
  return { items, end: position };
}

function expandLabels(clause: string, from: readonly string[], to: readonly string[]): string[] {
  const last = from.at(-1);
  const end = to.at(-1);
  const sameStem = from.length === to.length && from.slice(0, -1).every((label, i) => label === to[i]);
  if (!last || !end || !sameStem) return [provisionId(clause, from), provisionId(clause, to)];
  const kind: LabelKind | undefined = labelKinds(last).find((k) => labelKinds(end).includes(k));
  const out = [provisionId(clause, from)];
  let label = last;
  while (kind && label !== end && out.length < MAX_EXPANSION) {
    label = nextLabel(label, kind);
    out.push(provisionId(clause, [...from.slice(0, -1), label]));
  }
  return label === end ? out : [provisionId(clause, from), provisionId(clause, to)];
}

function expandRange(
  from: { id: string; labels: readonly string[] },
  to: { id: string; labels: readonly string[] },
  known: KnownProvisions,
): string[] {
  if (from.id === to.id) return expandLabels(from.id, from.labels, to.labels);
  const ends = [provisionId(from.id, from.labels), provisionId(to.id, to.labels)];
  if (from.labels.length > 0 || to.labels.length > 0) return ends;
  const first = known.clauses.indexOf(from.id);
  const last = known.clauses.indexOf(to.id);
  if (first >= 0 && last > first) return known.clauses.slice(first, last + 1);
  const a = parseClauseId(from.id);
  const b = parseClauseId(to.id);
  if (a && b && a.letter === b.letter && a.part === b.part && b.number - a.number < MAX_EXPANSION) {
    const middle: string[] = [];
    for (let n = a.number + 1; n < b.number; n++) middle.push(`${a.letter}${a.part}.${n}`);
    return [from.id, ...middle, to.id];
  }
  const partA = /^([A-Z])(\d+)$/.exec(from.id);
  const partB = /^([A-Z])(\d+)$/.exec(to.id);
  if (partA && partB && partA[1] === partB[1] && Number(partB[2]) - Number(partA[2]) < MAX_EXPANSION) {
    const parts: string[] = [];
    for (let n = Number(partA[2]); n <= Number(partB[2]); n++) parts.push(`${partA[1]}${n}`);
    return parts;
  }
  return ends;
}

/**
 * Resolves "(b)" said inside paragraph `path` of `clause` to the labels of a paragraph the clause
 * has: a sibling first, then further up, then a sub-paragraph.
 */
function resolveRelative(
  clause: string,
  path: readonly string[],
  labels: readonly string[],
  known: KnownProvisions,
): string[] | undefined {
  const depths = [...Array.from({ length: path.length }, (_, i) => path.length - 1 - i), path.length];
  for (const depth of depths) {
    const candidate = [...path.slice(0, depth), ...labels];
    if (known.provisions.has(provisionId(clause, candidate))) return candidate;
  }
  return undefined;
}

/** The provisions that one piece of text refers to. */
function referencesIn(
  text: string,
  clause: string,
  path: readonly string[],
  known: KnownProvisions,
): string[] {
  const found: string[] = [];
  ANCHOR.lastIndex = 0;
  for (let anchor = ANCHOR.exec(text); anchor; anchor = ANCHOR.exec(text)) {
    // An anchor must start a word; a bare number must not follow ".", "(", "/" or "-" either.
    const bare = /^[A-Z]\d/.test(anchor[0]);
    if (anchor.index > 0 && (bare ? /[\w.(/-]/ : /\w/).test(text[anchor.index - 1]!)) continue;
    const { items, end } = readList(text, bare ? anchor.index : anchor.index + anchor[0].length);
    ANCHOR.lastIndex = Math.max(end, anchor.index + 1);
    if (items.length === 0 || (items[0]!.id === undefined && INTO_DEFINITION.test(text.slice(end)))) continue;
    let previous: { id: string; labels: readonly string[] } | undefined;
    for (const item of items) {
      let resolved: { id: string; labels: readonly string[] } | undefined;
      if (item.id !== undefined) {
        resolved = { id: item.id, labels: item.labels };
      } else if (previous) {
        const keep = Math.max(previous.labels.length - item.labels.length, 0);
        resolved = { id: previous.id, labels: [...previous.labels.slice(0, keep), ...item.labels] };
      } else {
        const target = resolveRelative(clause, path, item.labels, known);
        if (target) resolved = { id: clause, labels: target };
      }
      if (!resolved) continue;
      if (item.range && previous) {
        found.pop();
        found.push(...expandRange(previous, resolved, known));
      } else {
        found.push(provisionId(resolved.id, resolved.labels));
      }
      previous = resolved;
    }
  }
  return found;
}

/** Every cross-reference a clause makes, from the provision (clause or paragraph) whose words make it. */
export function findReferences(
  clause: {
    readonly id: ClauseId;
    readonly intro: string;
    readonly trailing: string;
    readonly paragraphs: readonly Paragraph[];
  },
  known: KnownProvisions,
): CrossReference[] {
  const out: CrossReference[] = [];
  const seen = new Set<string>();
  const add = (from: ProvisionId, targets: readonly string[]) => {
    for (const to of targets) {
      const key = `${from}>${to}`;
      if (to !== from && to !== clause.id && !seen.has(key)) {
        seen.add(key);
        out.push({ from, to });
      }
    }
  };
  add(clause.id, referencesIn(`${clause.intro} ${clause.trailing}`, clause.id, [], known));
  const visit = (paragraph: Paragraph, path: readonly string[]) => {
    const here = [...path, paragraph.label];
    add(paragraph.id, referencesIn(`${paragraph.text} ${paragraph.tail ?? ""}`, clause.id, here, known));
    for (const child of paragraph.children) visit(child, here);
  };
  for (const paragraph of clause.paragraphs) visit(paragraph, []);
  return out;
}
