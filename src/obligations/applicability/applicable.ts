import { InputError } from "../../common/input-error.js";
import { catalogueOn } from "../catalogue/index.js";
import type { Bearer, CatalogueEntry, DutyEntry } from "../catalogue/types.js";
import { type CodeVersion, codeVersions, versionOn } from "../catalogue/versions.js";
import type { PartyProfile, RoleEntry, UserRole } from "../profile.js";
import { type Facts, partyFacts, providerRoleFacts, roleFacts } from "./facts.js";
import { type PartyView, partyBearers, partyMatches } from "./party-bearers.js";
import { type Peers, providerCustomers } from "./premises.js";
import { type RoleScope, roleScope } from "./role-scope.js";
import { applyingUnits, clauseConditions } from "./units.js";

/**
 * Which Section G duties bind a party on a date, and why (../shared/contracts/cli.md, "Obligations").
 * Pure: the date is a parameter and the answer names the Code version it was computed under.
 */
export type Obligation = { readonly id: string; readonly because: readonly string[] };

export type RoleObligations = {
  readonly role: UserRole;
  /** Why the role carries User duties at all (G1.5, G1.6, G1.7, G10.5, G12.5), most specific first. */
  readonly because: readonly string[];
  readonly obligations: readonly Obligation[];
};

export type ObligationsAnswer = {
  readonly party: string;
  readonly on: string;
  readonly codeVersion: { readonly label: string; readonly inForce: string; readonly dateAssumed: boolean };
  readonly partyObligations: readonly Obligation[];
  readonly roles: readonly RoleObligations[];
};

/** The Code version in force on an ISO date; bad or too-early dates are input errors. */
export function codeVersionOn(date: string, path = "on"): CodeVersion {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(parsed.getTime()) ||
    !parsed.toISOString().startsWith(date)
  ) {
    throw new InputError({ path }, `a real calendar date YYYY-MM-DD (got "${date}")`);
  }
  const version = versionOn(date);
  if (version === undefined) {
    throw new InputError(
      { path },
      `a date on or after ${codeVersions[0]!.inForce}, when the first Code version secg knows came into force`,
    );
  }
  return version;
}

function isDuty(entry: CatalogueEntry): entry is DutyEntry {
  return entry.kind === "duty";
}

/** The duties in force under a version, split by whether they can reach a party as such or as a User. */
type Duties = { readonly onParty: readonly DutyEntry[]; readonly onUsers: readonly DutyEntry[] };

const userBearers: readonly Bearer[] = ["user", "eligible-user-supply-sensitive"];

/** Worked out once per version: the catalogue is fixed data, and this runs for every party. */
const dutiesByVersion = new Map<string, Duties>();

function dutiesOn(label: string): Duties {
  let duties = dutiesByVersion.get(label);
  if (duties === undefined) {
    const all = catalogueOn(label).filter(isDuty);
    duties = {
      onParty: all.filter((e) => e.bearers.some((b) => partyBearers.includes(b))),
      onUsers: all.filter((e) => e.bearers.some((b) => userBearers.includes(b))),
    };
    dutiesByVersion.set(label, duties);
  }
  return duties;
}

/** The reasons in order, each once (they are few, so a scan beats a Set). */
function distinct(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) if (!out.includes(line)) out.push(line);
  return out;
}

/** The obligations each duty gives, in catalogue order (a loop: this runs for every duty of every role). */
function collect(
  duties: readonly DutyEntry[],
  apply: (entry: DutyEntry) => readonly Obligation[],
): Obligation[] {
  const out: Obligation[] = [];
  for (const entry of duties) for (const ob of apply(entry)) out.push(ob);
  return out;
}

/** Duties on the party as such: the first way of reaching it whose conditions hold decides. */
function partyDuty(entry: DutyEntry, party: PartyView): readonly Obligation[] {
  for (const match of partyMatches(entry.bearers, entry.clause, party)) {
    const conditions = clauseConditions(entry, match.facts);
    if (conditions === undefined) continue;
    return applyingUnits(entry, match.facts).map((unit) => ({
      id: unit.id,
      because: distinct([...unit.reasons, ...conditions, ...match.reasons]),
    }));
  }
  return [];
}

/** Why a User-side bearer of the entry is this role, or undefined when none is. */
function userBearer(entry: DutyEntry, facts: Facts): readonly string[] | undefined {
  if (entry.bearers.includes("user")) return [];
  const eligible = facts["eligible-supply-sensitive"];
  if (entry.bearers.includes("eligible-user-supply-sensitive") && eligible.holds) return [eligible.reason];
  return undefined;
}

/** Duties on the party as a User in one role (G1.5), through the role's scope rule. */
function roleDuty(entry: DutyEntry, scope: RoleScope, facts: Facts): readonly Obligation[] {
  const bearer = userBearer(entry, facts);
  if (bearer === undefined) return [];
  const admission = scope.admits(entry.clause);
  if (admission === undefined) return [];
  const conditions = clauseConditions(entry, facts);
  if (conditions === undefined) return [];
  return applyingUnits(entry, facts, admission.only).map((unit) => {
    const own = [...unit.reasons, ...conditions, ...bearer, ...admission.reasons];
    // Most duties reach a role for the role's reasons alone; those share the role's list.
    return { id: unit.id, because: own.length === 0 ? scope.reasons : distinct([...own, ...scope.reasons]) };
  });
}

function factsForRole(base: Facts, role: RoleEntry, party: PartyView): Facts {
  const facts = roleFacts(base, role);
  if (role.role !== "shared-resource-provider") return facts;
  const { suppliers, networks, others } = party.customers;
  const servesAnyone = suppliers.length + networks.length + others.length > 0;
  return providerRoleFacts(facts, party.profile, others.length > 0, servesAnyone);
}

/**
 * The obligations of `profile` on `date`. `peers` holds the other profiles it may refer to (its Shared
 * Resource Provider, the Users it shares with or serves), keyed by id; it may include the profile itself.
 */
export function applicableObligations(profile: PartyProfile, peers: Peers, date: string): ObligationsAnswer {
  const version = codeVersionOn(date);
  const duties = dutiesOn(version.label);
  const hasRole = (role: UserRole) => profile.roles.some((r) => r.role === role);
  const party: PartyView = {
    profile,
    facts: partyFacts(profile, peers),
    isProvider: hasRole("shared-resource-provider"),
    isTriageFacility: hasRole("triage-facility-provider"),
    customers: providerCustomers(profile, peers),
  };
  return {
    party: profile.id,
    on: date,
    codeVersion: { label: version.label, inForce: version.inForce, dateAssumed: version.dateAssumed },
    partyObligations: collect(duties.onParty, (entry) => partyDuty(entry, party)),
    roles: profile.roles.map((role) => {
      const scope = roleScope(role.role);
      const facts = factsForRole(party.facts, role, party);
      return {
        role: role.role,
        because: scope.reasons,
        obligations: collect(duties.onUsers, (entry) => roleDuty(entry, scope, facts)),
      };
    }),
  };
}
