import type { Bearer } from "../catalogue/types.js";
import type { PartyProfile } from "../profile.js";
import type { Facts } from "./facts.js";
import type { ProviderCustomers } from "./premises.js";

/**
 * Duties placed on a party as such rather than on it as a User: on the DCC, on Supplier Parties and
 * Network Parties (e.g. G3.7, G3.26, G8.41), on Shared Resource Providers (G10.4) and Triage Facility
 * Providers (G12.4), and on Parties generally. Each match carries the facts its conditions are judged
 * on, because G8.63 judges a provider's assessment cycle on its customers' premises, not its own.
 */
export type PartyMatch = { readonly reasons: readonly string[]; readonly facts: Facts };

export type PartyView = {
  readonly profile: PartyProfile;
  readonly facts: Facts;
  readonly isProvider: boolean;
  readonly isTriageFacility: boolean;
  readonly customers: ProviderCustomers;
};

/** The bearers a party profile can be as such (the rest are Users, or bodies no profile describes). */
export const partyBearers: readonly Bearer[] = [
  "dcc",
  "supplier-party",
  "network-party",
  "shared-resource-provider",
  "triage-facility-provider",
  "party",
];

/** One rule per bearer a profile can be: the reason it binds, or undefined. */
function bearerReason(bearer: Bearer, clause: string, party: PartyView): string | undefined {
  const { profile } = party;
  const isDcc = profile.kind === "dcc";
  switch (bearer) {
    case "dcc":
      return isDcc ? `${clause}: a duty on the DCC` : undefined;
    case "supplier-party":
      return !isDcc && profile.supplierParty ? `${clause}: binds it as a Supplier Party` : undefined;
    case "network-party":
      return !isDcc && profile.networkParty ? `${clause}: binds it as a Network Party` : undefined;
    case "shared-resource-provider":
      return party.isProvider ? `${clause}: binds it as a Shared Resource Provider (G10.2)` : undefined;
    case "triage-facility-provider":
      return party.isTriageFacility ? `${clause}: binds it as a Triage Facility Provider (G12.9)` : undefined;
    // The Party-wide duties of Section G concern entering and acting under the User regime, which the
    // DCC never does; duties meant for the DCC name it.
    case "party":
      return isDcc ? undefined : `${clause}: binds every Party`;
    default:
      return undefined;
  }
}

/** The party's own standing under each bearer the entry names. */
function asItself(bearers: readonly Bearer[], clause: string, party: PartyView): PartyMatch | undefined {
  const reasons: string[] = [];
  for (const bearer of bearers) {
    const reason = bearerReason(bearer, clause, party);
    if (reason !== undefined) reasons.push(reason);
  }
  return reasons.length === 0 ? undefined : { reasons, facts: party.facts };
}

const supplierCycle = new Set(["G8.41", "G8.42"]);
const networkCycle = new Set(["G8.44", "G8.45"]);

/**
 * G8.63(a)–(b): a Shared Resource Provider serving Supplier Parties (Network Parties) takes the supplier
 * (network) assessment cycle as if their meters were its own; the party's facts already count them
 * (premises.ts), so the match only has to say why the cycle reaches it.
 */
function asProviderForCustomers(clause: string, party: PartyView): PartyMatch | undefined {
  if (!party.isProvider) return undefined;
  const { suppliers, networks } = party.customers;
  const ids = (parties: readonly { readonly id: string }[]) => parties.map((p) => p.id).join(", ");
  if (supplierCycle.has(clause) && suppliers.length > 0) {
    return {
      reasons: [
        `G8.63(a): as Shared Resource Provider to Supplier Parties ${ids(suppliers)} it follows the supplier cycle on their premises`,
      ],
      facts: party.facts,
    };
  }
  if (networkCycle.has(clause) && networks.length > 0) {
    return {
      reasons: [
        `G8.63(b): as Shared Resource Provider to Network Parties ${ids(networks)} it follows the network cycle on their premises`,
      ],
      facts: party.facts,
    };
  }
  return undefined;
}

/** Every way the entry reaches the party as such; the rules judge conditions on each in turn. */
export function partyMatches(
  bearers: readonly Bearer[],
  clause: string,
  party: PartyView,
): readonly PartyMatch[] {
  const matches: PartyMatch[] = [];
  for (const match of [asItself(bearers, clause, party), asProviderForCustomers(clause, party)]) {
    if (match !== undefined) matches.push(match);
  }
  return matches;
}
