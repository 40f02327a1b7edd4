import type { Clause, ClauseId, CodeDocument } from "./types.js";

/**
 * What one version of the Code did to the last, clause by clause, in the manner of an effects
 * register: kept apart from the texts themselves so each version stays whole.
 */
export type Effect =
  /** A clause number that did not carry a provision before now does. */
  | { readonly kind: "inserted"; readonly id: ClauseId }
  /** The clause's words changed. */
  | { readonly kind: "substituted"; readonly id: ClauseId }
  /** The clause disappeared or now says only "Not used". */
  | { readonly kind: "repealed"; readonly id: ClauseId }
  /** The same words moved to a new number. */
  | { readonly kind: "renumbered"; readonly id: ClauseId; readonly from: ClauseId };

/** A clause's words with its own number masked, so "this Section G2.44A" survives a renumbering. */
function comparable(clause: Clause): string {
  return clause.text.split(clause.id).join("\u0000");
}

/**
 * Effects between consecutive versions, in the order of the next version, then repeals of
 * clauses that are gone, in the order of the previous one. A number that first appears as
 * "Not used" (reserved without ever carrying text) has no effect.
 */
export function computeEffects(previous: CodeDocument, next: CodeDocument): Effect[] {
  const before = new Map(previous.clauses.map((clause) => [clause.id, clause]));
  const after = new Map(next.clauses.map((clause) => [clause.id, clause]));

  // Sources a renumbered clause may come from: gone, or no longer carrying those words.
  const movedFrom = new Map<string, ClauseId>();
  for (const clause of previous.clauses) {
    const now = after.get(clause.id);
    if (!clause.notUsed && (now === undefined || comparable(now) !== comparable(clause))) {
      const key = comparable(clause);
      if (!movedFrom.has(key)) movedFrom.set(key, clause.id);
    }
  }

  const effects: Effect[] = [];
  const renumbered = new Set<ClauseId>();
  for (const clause of next.clauses) {
    const old = before.get(clause.id);
    if (old === undefined) {
      const from = clause.notUsed ? undefined : movedFrom.get(comparable(clause));
      if (from !== undefined && !renumbered.has(from)) {
        renumbered.add(from);
        effects.push({ kind: "renumbered", id: clause.id, from });
      } else if (!clause.notUsed) {
        effects.push({ kind: "inserted", id: clause.id });
      }
    } else if (clause.notUsed && !old.notUsed) {
      effects.push({ kind: "repealed", id: clause.id });
    } else if (old.notUsed && !clause.notUsed) {
      effects.push({ kind: "inserted", id: clause.id });
    } else if (old.text !== clause.text) {
      effects.push({ kind: "substituted", id: clause.id });
    }
  }
  for (const clause of previous.clauses) {
    if (!after.has(clause.id) && !clause.notUsed && !renumbered.has(clause.id)) {
      effects.push({ kind: "repealed", id: clause.id });
    }
  }
  return effects;
}
