import type { DutyEntry } from "../catalogue/types.js";
import type { Facts } from "./facts.js";

/**
 * The smallest units of a duty that apply (cli.md, "Obligations"): the clause when all of it applies,
 * otherwise each applying paragraph. Reasons say which paragraph conditions held or failed.
 */
export type Unit = { readonly id: string; readonly reasons: readonly string[] };

/**
 * Whether the clause-level conditions all hold, with their reasons; undefined when one fails. The
 * catalogue lists conditions from the broadest to the narrowest, and reasons go narrowest first.
 */
export function clauseConditions(entry: DutyEntry, facts: Facts): readonly string[] | undefined {
  const reasons: string[] = [];
  for (const condition of entry.conditions ?? []) {
    const fact = facts[condition];
    if (!fact.holds) return undefined;
    reasons.unshift(fact.reason);
  }
  return reasons;
}

/** The applying units of a duty whose clause conditions hold; `only` narrows to named paragraphs (G1.7). */
export function applyingUnits(entry: DutyEntry, facts: Facts, only?: readonly string[]): readonly Unit[] {
  if (only !== undefined) return only.map((id) => ({ id, reasons: [] }));
  const paragraphs = entry.paragraphs;
  if (paragraphs === undefined) return [{ id: entry.clause, reasons: [] }];

  const judged = paragraphs.map((p) => {
    const failed = (p.conditions ?? []).find((c) => !facts[c].holds);
    return failed === undefined
      ? {
          id: p.id,
          applies: true,
          reasons: (p.conditions ?? []).map((c) => `${p.id} applies (${facts[c].reason})`),
        }
      : { id: p.id, applies: false, reasons: [`${p.id} left out (${facts[failed].reason})`] };
  });
  if (judged.every((p) => p.applies))
    return [{ id: entry.clause, reasons: judged.flatMap((p) => p.reasons) }];
  const leftOut = judged.filter((p) => !p.applies).flatMap((p) => p.reasons);
  return judged.filter((p) => p.applies).map((p) => ({ id: p.id, reasons: [...p.reasons, ...leftOut] }));
}
