import type { ClauseDiff, CodeDocument } from "./types.js";

export type DiffOptions = {
  /** Compare only the clauses of this part ("G2"). */
  readonly part?: string;
};

/**
 * Which clauses were added, removed, changed or left alone between two versions. Clauses are
 * matched by number and compared on their normalised text, so layout (wrapping, hyphenation,
 * emphasis, list markers, page furniture) is never a change. Ids come in document order: the
 * new version's for added, changed and unchanged; the old version's for removed.
 */
export function diffSections(
  before: CodeDocument,
  after: CodeDocument,
  options: DiffOptions = {},
): ClauseDiff {
  const inScope = (clause: { readonly part: string }) =>
    options.part === undefined || clause.part === options.part;
  const old = new Map(before.clauses.filter(inScope).map((clause) => [clause.id, clause.text]));
  const current = after.clauses.filter(inScope);
  const present = new Set(current.map((clause) => clause.id));

  const added: string[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  for (const clause of current) {
    const text = old.get(clause.id);
    if (text === undefined) added.push(clause.id);
    else if (text === clause.text) unchanged.push(clause.id);
    else changed.push(clause.id);
  }
  const removed = [...old.keys()].filter((id) => !present.has(id));
  return { added, removed, changed, unchanged };
}
