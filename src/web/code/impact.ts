/**
 * Which of the parties a person may see a change to the Code reaches: for each clause the
 * comparison found changed, added or removed, the parties owing a duty on it today, as such or in
 * a User Role (G1.5). The same question `secg code impact` answers, asked of the stored parties'
 * obligations as the server computes them.
 */
import type { DiffResponse } from "../api/types.js";
import { clauseOf, type ObligationsAnswer, type PartySummary } from "../obligations/api.js";

export type PartyReach = {
  readonly party: PartySummary;
  /** True when the party owes a duty on the clause as such (Supplier Party, DCC, provider…). */
  readonly asParty: boolean;
  /** The User Roles in which it owes one. */
  readonly roles: readonly string[];
};

export type ClauseImpact = {
  readonly clause: string;
  readonly change: "changed" | "added" | "removed";
  readonly reach: readonly PartyReach[];
};

const owes = (obligations: readonly { id: string }[], clause: string) =>
  obligations.some((o) => clauseOf(o.id) === clause);

/** The changed clauses that reach at least one party, in the comparison's order: changed, added, removed. */
export function impactOn(
  diff: Pick<DiffResponse, "changed" | "added" | "removed">,
  answers: readonly { readonly party: PartySummary; readonly answer: ObligationsAnswer }[],
): ClauseImpact[] {
  const changes = [
    ...diff.changed.map((clause) => ({ clause, change: "changed" as const })),
    ...diff.added.map((clause) => ({ clause, change: "added" as const })),
    ...diff.removed.map((clause) => ({ clause, change: "removed" as const })),
  ];
  return changes.flatMap(({ clause, change }) => {
    const reach = answers.flatMap(({ party, answer }): PartyReach[] => {
      const asParty = owes(answer.partyObligations, clause);
      const roles = answer.roles.filter((r) => owes(r.obligations, clause)).map((r) => r.role);
      return asParty || roles.length > 0 ? [{ party, asParty, roles }] : [];
    });
    return reach.length > 0 ? [{ clause, change, reach }] : [];
  });
}
