import { compareClauseNumbers, parseClauseId } from "../code/ids.js";
import type { ClauseDiff } from "../code/types.js";
import { applicableObligations, codeVersionOn } from "./applicability/applicable.js";
import type { Peers } from "./applicability/premises.js";
import { entriesFor, holdsAt } from "./catalogue/index.js";
import type { DutyEntry } from "./catalogue/types.js";
import type { PartyProfile, UserRole } from "./profile.js";

/**
 * What a change to the Code text touches: for each clause added, removed or changed, the catalogue
 * duties recorded on it and the parties (and roles) whose obligations on the date include it. The
 * catalogue is read as in force on the date, since that is what the parties owe while the change is
 * being weighed.
 */
export type ChangeKind = "added" | "removed" | "changed";

export type PartyImpact = {
  readonly party: string;
  /** Roles in which the party owes a duty on the clause (G1.5). */
  readonly roles: readonly UserRole[];
  /** True when it owes a duty on the clause as a party (Supplier Party, DCC, provider…). */
  readonly partyLevel: boolean;
};

export type Impact = {
  readonly clause: string;
  readonly change: ChangeKind;
  readonly duties: readonly DutyEntry[];
  readonly parties: readonly PartyImpact[];
};

export type ChangeImpact = { readonly impacts: readonly Impact[] };

/** "G3.20(b)" → "G3.20". */
function clauseOf(id: string): string {
  return id.replace(/\(.*$/, "");
}

function byClauseOrder(a: { clause: string }, b: { clause: string }): number {
  const x = parseClauseId(a.clause);
  const y = parseClauseId(b.clause);
  if (x === undefined || y === undefined) return a.clause.localeCompare(b.clause);
  return compareClauseNumbers(x, y);
}

type Reach = { roles: Set<UserRole>; partyLevel: boolean };

/** For one party: clause → where it owes a duty on it. */
function reachOf(profile: PartyProfile, peers: Peers, date: string): Map<string, Reach> {
  const answer = applicableObligations(profile, peers, date);
  const reach = new Map<string, Reach>();
  const at = (id: string): Reach => {
    const clause = clauseOf(id);
    let r = reach.get(clause);
    if (r === undefined) {
      r = { roles: new Set(), partyLevel: false };
      reach.set(clause, r);
    }
    return r;
  };
  for (const ob of answer.partyObligations) at(ob.id).partyLevel = true;
  for (const role of answer.roles) for (const ob of role.obligations) at(ob.id).roles.add(role.role);
  return reach;
}

/** The impact of `diff` on `profiles` (which are also each other's peers) on an ISO date. */
export function changeImpact(
  diff: ClauseDiff,
  profiles: readonly PartyProfile[],
  date: string,
): ChangeImpact {
  const version = codeVersionOn(date);
  const peers: Peers = new Map(profiles.map((p) => [p.id, p]));
  const reaches = profiles.map((p) => ({
    party: p.id,
    roles: p.roles.map((r) => r.role),
    reach: reachOf(p, peers, date),
  }));

  const changes: { clause: string; change: ChangeKind }[] = [
    ...diff.changed.map((clause) => ({ clause, change: "changed" as const })),
    ...diff.added.map((clause) => ({ clause, change: "added" as const })),
    ...diff.removed.map((clause) => ({ clause, change: "removed" as const })),
  ].sort(byClauseOrder);

  return {
    impacts: changes.map(({ clause, change }) => ({
      clause,
      change,
      duties: entriesFor(clause).filter(
        (e): e is DutyEntry => e.kind === "duty" && holdsAt(e, version.label),
      ),
      parties: reaches.flatMap(({ party, roles, reach }) => {
        const r = reach.get(clause);
        if (r === undefined) return [];
        // Roles in profile order, so the answer reads like the profile.
        return [{ party, roles: roles.filter((role) => r.roles.has(role)), partyLevel: r.partyLevel }];
      }),
    })),
  };
}
