/**
 * Paragraph labels: "(a)", "(ii)", "(B)". The Code nests them letter → roman → capital letter,
 * and a label alone can be ambiguous ("i", "v", "x" are both letters and roman numerals), so a
 * label has a set of possible kinds and the context picks one.
 */
export type LabelKind = "letter" | "roman" | "capital" | "number";

const ROMAN = /^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function fromRoman(text: string): number {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN_VALUES[text[i]!]!;
    const next = ROMAN_VALUES[text[i + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

function toRoman(value: number): string {
  const steps: readonly [number, string][] = [
    [100, "c"],
    [90, "xc"],
    [50, "l"],
    [40, "xl"],
    [10, "x"],
    [9, "ix"],
    [5, "v"],
    [4, "iv"],
    [1, "i"],
  ];
  let rest = value;
  let out = "";
  for (const [step, text] of steps) {
    while (rest >= step) {
      out += text;
      rest -= step;
    }
  }
  return out;
}

const KINDS = new Map<string, readonly LabelKind[]>();

/** Every kind a label could be, most likely first. */
export function labelKinds(label: string): readonly LabelKind[] {
  let kinds = KINDS.get(label);
  if (kinds === undefined) {
    kinds = kindsOf(label);
    KINDS.set(label, kinds);
  }
  return kinds;
}

function kindsOf(label: string): readonly LabelKind[] {
  const kinds: LabelKind[] = [];
  const isRoman = ROMAN.test(label);
  const isLetter = /^[a-z]$/.test(label) || /^([a-z])\1+$/.test(label);
  // "i", "v", "x" alone are read as roman first; "c" and "l" are far more often letters.
  if (isRoman && /^[ivx]+$/.test(label)) kinds.push("roman");
  if (isLetter) kinds.push("letter");
  if (isRoman && !kinds.includes("roman")) kinds.push("roman");
  if (/^[A-Z]$/.test(label) || /^([A-Z])\1+$/.test(label)) kinds.push("capital");
  if (/^\d{1,3}$/.test(label)) kinds.push("number");
  return kinds;
}

function nextLetter(label: string): string {
  const code = label.charCodeAt(0);
  const last = label === label.toUpperCase() ? 90 : 122;
  if (code < last) return String.fromCharCode(code + 1).repeat(label.length);
  return String.fromCharCode(last - 25).repeat(label.length + 1);
}

/** The label that follows `label` in a list of the given kind: b after a, iv after iii, aa after z. */
export function nextLabel(label: string, kind: LabelKind): string {
  switch (kind) {
    case "roman":
      return toRoman(fromRoman(label) + 1);
    case "number":
      return String(Number(label) + 1);
    default:
      return nextLetter(label);
  }
}

/** The label that opens a list of the given kind. */
export function firstLabel(kind: LabelKind): string {
  return { letter: "a", roman: "i", capital: "A", number: "1" }[kind];
}

/** Whether `label` can be the successor of `previous` in a list of `kind`. */
export function follows(previous: string, label: string, kind: LabelKind): boolean {
  return labelKinds(label).includes(kind) && nextLabel(previous, kind) === label;
}

/** Characters that PDF and document conversion confuse in labels: "(I)" for "(l)" and back. */
const LOOK_ALIKES: Readonly<Record<string, string>> = { I: "l", l: "I", "1": "l", O: "o", o: "O" };

export function lookAlike(label: string): string | undefined {
  return label.length === 1 ? LOOK_ALIKES[label] : undefined;
}

const LABEL_AT_START = /^\(([a-z]{1,4}|[A-Z]{1,2}|\d{1,3})\)(?=\s|$)/;

/** The label a paragraph line starts with, and its words. */
export function labelAtStart(text: string): { readonly label: string; readonly rest: string } | undefined {
  const match = LABEL_AT_START.exec(text);
  if (!match) return undefined;
  const label = match[1]!;
  if (labelKinds(label).length === 0) return undefined;
  return { label, rest: text.slice(match[0].length).trim() };
}
