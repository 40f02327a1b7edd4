import type { PartyProfile } from "../profile.js";

/**
 * The premises counts that choose a party's assessment cycle, with the other parties' premises Section
 * G8 adds when resources are shared: G8.43 for suppliers (direct sharing only, not through a Shared
 * Resource Provider), G8.46 for network parties (any sharing, so also fellow customers of the same
 * provider, and the provider itself), and G8.63 for a Shared Resource Provider, which counts the premises
 * of the Users it serves. Sharing is read from either side: it is enough that one of the two profiles
 * records it. A provider's resources are taken to be shared by all of its customers, since a profile does
 * not say which resources go to whom.
 */
export type Peers = ReadonlyMap<string, PartyProfile>;

export type Source = "own" | "G8.43" | "G8.46" | "G8.63(a)" | "G8.63(b)";
export type Contribution = {
  readonly party: string;
  readonly source: Source;
  readonly domestic: number;
  readonly nonDomestic: number;
};
export type Counted = {
  readonly domestic: number;
  readonly nonDomestic: number;
  readonly from: readonly Contribution[];
};

/** The Users a Shared Resource Provider serves, grouped the way G8.63(a)–(c) treat them. */
export type Customers = {
  readonly suppliers: readonly PartyProfile[];
  readonly networks: readonly PartyProfile[];
  readonly others: readonly PartyProfile[];
};

const sharing = (p: PartyProfile) => (p.sharedResources?.used ? p.sharedResources : undefined);

function others(party: PartyProfile, peers: Peers): PartyProfile[] {
  return [...peers.values()]
    .filter((p) => p.id !== party.id && p.kind === "party")
    .sort((a, b) => a.id.localeCompare(b.id));
}

function sharesDirectly(a: PartyProfile, b: PartyProfile): boolean {
  return Boolean(sharing(a)?.sharedWith.includes(b.id) || sharing(b)?.sharedWith.includes(a.id));
}

export function customersOf(provider: PartyProfile, peers: Peers): Customers {
  const all = others(provider, peers).filter((p) => sharing(p)?.providedBy === provider.id);
  return {
    suppliers: all.filter((p) => p.supplierParty),
    networks: all.filter((p) => p.networkParty),
    others: all.filter((p) => !p.supplierParty && !p.networkParty),
  };
}

/** Parties whose resources are shared with `party` through the same provider, or the provider itself. */
function sharingThroughProvider(party: PartyProfile): (p: PartyProfile) => boolean {
  const provider = sharing(party)?.providedBy;
  if (provider === undefined) return () => false;
  return (p) => p.id === provider || sharing(p)?.providedBy === provider;
}

function total(
  party: PartyProfile,
  own: boolean,
  added: readonly [PartyProfile, Source][],
  domesticOnly: boolean,
): Counted {
  const from: Contribution[] = [];
  const seen = new Set<string>();
  for (const [p, source] of own ? [[party, "own"] as const, ...added] : added) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    from.push({
      party: p.id,
      source,
      domestic: p.premises.domestic,
      nonDomestic: domesticOnly ? 0 : p.premises.nonDomestic,
    });
  }
  return {
    domestic: from.reduce((n, c) => n + c.domestic, 0),
    nonDomestic: from.reduce((n, c) => n + c.nonDomestic, 0),
    from,
  };
}

/** Domestic and non-domestic premises for G8.41–G8.42, with G8.43 and G8.63(a) applied. */
export function supplierPremises(party: PartyProfile, peers: Peers, customers: Customers): Counted {
  const direct = others(party, peers).filter((p) => p.supplierParty && sharesDirectly(party, p));
  return total(
    party,
    party.supplierParty,
    [
      ...direct.map((p) => [p, "G8.43"] as [PartyProfile, Source]),
      ...customers.suppliers.map((p) => [p, "G8.63(a)"] as [PartyProfile, Source]),
    ],
    false,
  );
}

/** Domestic premises for G8.44–G8.45, with G8.46 and G8.63(b) applied. */
export function networkPremises(party: PartyProfile, peers: Peers, customers: Customers): Counted {
  const throughProvider = sharingThroughProvider(party);
  const sharers = others(party, peers).filter(
    (p) => p.networkParty && (sharesDirectly(party, p) || throughProvider(p)),
  );
  return total(
    party,
    party.networkParty,
    [
      ...sharers.map((p) => [p, "G8.46"] as [PartyProfile, Source]),
      ...customers.networks.map((p) => [p, "G8.63(b)"] as [PartyProfile, Source]),
    ],
    true,
  );
}
