import type { Reference } from "../api/types.js";
import { type ClausesRoute, clausesRoute } from "../routes.js";

/** A run of clause text: plain words, or a mention of a provision the clause refers to. */
export type TextSegment =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "ref"; readonly text: string; readonly provision: string };

// A provision as the Code writes it in running text: a part ("G3"), a clause ("G5.18", "G2.44A")
// or a paragraph ("G5.18(b)(i)"). The leading \b keeps "SMETS1" and "DP087" out.
const provisionMention = /\b[A-Z]\d+(?:\.\d+[A-Z]?(?:\([a-zA-Z0-9]+\))*)?(?!\w)/g;

/** The clause a provision belongs to: "G5.18(b)(i)" → "G5.18". */
export function clauseOf(provision: string): string {
  const at = provision.indexOf("(");
  return at === -1 ? provision : provision.slice(0, at);
}

/** The part a clause id belongs to: "G2.44A" → "G2". */
export function partOf(clauseId: string): string {
  const at = clauseId.indexOf(".");
  return at === -1 ? clauseId : clauseId.slice(0, at);
}

/**
 * Where a reference followed from a clause view leads: a clause or paragraph is selected in the
 * same list, a part opens that part's list afresh.
 */
export function provisionRoute(from: ClausesRoute, provision: string): ClausesRoute {
  return provision.includes(".")
    ? { ...from, clause: provision }
    : clausesRoute({ version: from.version, part: provision });
}

/** The distinct provisions a clause refers to, in the order it first mentions them, without itself. */
export function referenceTargets(clauseId: string, references: readonly Reference[]): string[] {
  const targets = new Set<string>();
  for (const { to } of references) if (clauseOf(to) !== clauseId) targets.add(to);
  return [...targets];
}

/**
 * Splits text so that each mention of a provision whose clause is among `linkable` can become a
 * link. Joining the segments' text gives back the input unchanged.
 */
export function linkMentions(text: string, linkable: ReadonlySet<string>): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(provisionMention)) {
    const provision = match[0];
    if (!linkable.has(clauseOf(provision))) continue;
    if (match.index > last) segments.push({ kind: "text", text: text.slice(last, match.index) });
    segments.push({ kind: "ref", text: provision, provision });
    last = match.index + provision.length;
  }
  if (last < text.length) segments.push({ kind: "text", text: text.slice(last) });
  return segments;
}
