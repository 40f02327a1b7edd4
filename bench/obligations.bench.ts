import { applicableObligations } from "../src/obligations/applicability/applicable.js";
import { partyFacts, providerRoleFacts, roleFacts } from "../src/obligations/applicability/facts.js";
import { type PartyView, partyMatches } from "../src/obligations/applicability/party-bearers.js";
import { type Peers, providerCustomers } from "../src/obligations/applicability/premises.js";
import { roleScope } from "../src/obligations/applicability/role-scope.js";
import { applyingUnits, clauseConditions } from "../src/obligations/applicability/units.js";
import { catalogue, holdsAt } from "../src/obligations/catalogue/index.js";
import { type PartyProfile, userRoles, validateProfile } from "../src/obligations/profile.js";
import { type Bench, medianMs, rate } from "./harness.js";

/**
 * `applicableObligations` over 1,000 generated parties in all their roles, against a naive evaluator
 * that asks, for every (party, role, clause) question, which catalogue entry holds by scanning the
 * whole catalogue, and then applies the same rules. Both must give the same number of obligations.
 */
const ON = "2026-01-01";
const VERSION = "sec-current";

/** A small deterministic generator, so every run measures the same parties. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { chance: (p: number) => next() < p, upTo: (n: number) => Math.floor(next() * n) };
}

function generateProfiles(count: number): PartyProfile[] {
  const g = generator(42);
  const profiles: PartyProfile[] = [
    validateProfile({ id: "srp", name: "SRP", roles: [{ role: "shared-resource-provider" }] }),
  ];
  for (let i = 0; i < count - 1; i++) {
    const networkParty = g.chance(0.1);
    const roles = userRoles
      .filter((r) => r !== "registration-data-provider" || networkParty)
      .filter(() => g.chance(0.25))
      .map((role, k) => ({
        role,
        userIds: g.chance(0.8)
          ? [`90-B3-D5-1F-${String(i % 100).padStart(2, "0")}-00-00-${String(k).padStart(2, "0")}`]
          : [],
        eligibleForSupplySensitive: g.chance(0.4),
        untestedCriticalServiceRequests: g.chance(0.2) ? ["7.1"] : [],
      }));
    profiles.push(
      validateProfile({
        id: `p${i}`,
        name: `Party ${i}`,
        supplierParty: g.chance(0.5),
        networkParty,
        roles,
        premises: { domestic: g.upTo(600_000), nonDomestic: g.upTo(80_000) },
        ...(g.chance(0.3) ? { sharedResources: { used: true, providedBy: "srp" } } : {}),
        criticalServiceRequests: g.chance(0.5),
        enrolledSmets1: g.chance(0.3),
      }),
    );
  }
  return profiles;
}

/** The naive way: every question re-scans the catalogue for the entry in force, then applies the rules. */
function naiveCount(profile: PartyProfile, peers: Peers, questions: readonly string[]): number {
  const facts = partyFacts(profile, peers);
  const party: PartyView = {
    profile,
    facts,
    isProvider: profile.roles.some((r) => r.role === "shared-resource-provider"),
    isTriageFacility: profile.roles.some((r) => r.role === "triage-facility-provider"),
    customers: providerCustomers(profile, peers),
  };
  const entryFor = (clause: string) => catalogue.find((e) => e.clause === clause && holdsAt(e, VERSION));
  let count = 0;
  for (const clause of questions) {
    const entry = entryFor(clause);
    if (entry?.kind !== "duty") continue;
    for (const match of partyMatches(entry.bearers, clause, party)) {
      if (clauseConditions(entry, match.facts) === undefined) continue;
      count += applyingUnits(entry, match.facts).length;
      break;
    }
  }
  for (const role of profile.roles) {
    const scope = roleScope(role.role);
    const base = roleFacts(facts, role);
    const { suppliers, networks, others } = party.customers;
    const rf =
      role.role === "shared-resource-provider"
        ? providerRoleFacts(
            base,
            profile,
            others.length > 0,
            suppliers.length + networks.length + others.length > 0,
          )
        : base;
    for (const clause of questions) {
      const entry = entryFor(clause);
      if (entry?.kind !== "duty") continue;
      const user =
        entry.bearers.includes("user") ||
        (entry.bearers.includes("eligible-user-supply-sensitive") && rf["eligible-supply-sensitive"].holds);
      const admission = user ? scope.admits(clause) : undefined;
      if (admission === undefined || clauseConditions(entry, rf) === undefined) continue;
      count += applyingUnits(entry, rf, admission.only).length;
    }
  }
  return count;
}

function indexedCount(profile: PartyProfile, peers: Peers): number {
  const answer = applicableObligations(profile, peers, ON);
  return answer.partyObligations.length + answer.roles.reduce((n, r) => n + r.obligations.length, 0);
}

export const obligationsBenches: readonly Bench[] = [
  {
    name: "obligations.applicable",
    run: () => {
      const profiles = generateProfiles(1_000);
      const peers: Peers = new Map(profiles.map((p) => [p.id, p]));
      const questions = [...new Set(catalogue.map((e) => e.clause))];
      const sample = profiles.slice(0, 20);

      const fast = profiles.reduce((n, p) => n + indexedCount(p, peers), 0);
      const naive = profiles.reduce((n, p) => n + naiveCount(p, peers, questions), 0);
      if (fast !== naive) throw new Error(`the evaluators disagree: ${fast} against ${naive} obligations`);

      const value = rate(() => {
        for (const p of profiles) indexedCount(p, peers);
        return profiles.length;
      });
      const baseline = rate(() => {
        for (const p of sample) naiveCount(p, peers, questions);
        return sample.length;
      });
      const thousandMs = medianMs(() => {
        for (const p of profiles) indexedCount(p, peers);
      }, 5);
      return {
        name: "obligations.applicable",
        unit: "profiles/s",
        value,
        baseline: { name: "re-scan the catalogue per (party, role, clause)", value: baseline },
        notes: {
          profiles: profiles.length,
          roles: profiles.reduce((n, p) => n + p.roles.length, 0),
          obligations: fast,
          "ms for 1,000 profiles": Number(thousandMs.toFixed(1)),
        },
      };
    },
  },
];
