import type { PartyProfile } from "../profile.js";

/**
 * Premises counts as G8 needs them. A party's own counts are in its profile; G8.43, G8.46 and G8.63 add
 * other parties' counts when resources are shared, which is why these take the other profiles (`peers`,
 * keyed by id) too. A party named in a profile but absent from `peers` cannot be counted and is ignored;
 * the CLI refuses such references before the rules run.
 */
export type Peers = ReadonlyMap<string, PartyProfile>;

export type PremisesCount = {
  readonly domestic: number;
  readonly nonDomestic: number;
  /** Ids of the other parties whose premises were added, in id order. */
  readonly addedFrom: readonly string[];
};

/** What a profile says it shares: nothing unless it says it uses Shared Resources (G10.1). The DCC is no User. */
function sharing(profile: PartyProfile): PartyProfile["sharedResources"] {
  return profile.kind === "party" && profile.sharedResources?.used ? profile.sharedResources : undefined;
}

/**
 * Who shares with whom, worked out once per set of peers: each party's direct sharers (either side may
 * record the sharing) and each provider's customers. Keyed by the peers map, which callers never change.
 */
type PeerIndex = {
  readonly sharers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly customers: ReadonlyMap<string, readonly PartyProfile[]>;
};

const indexes = new WeakMap<Peers, PeerIndex>();

function peerIndex(peers: Peers): PeerIndex {
  let index = indexes.get(peers);
  if (index !== undefined) return index;
  const sharers = new Map<string, Set<string>>();
  const customers = new Map<string, PartyProfile[]>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const set = sharers.get(x) ?? new Set<string>();
      set.add(y);
      sharers.set(x, set);
    }
  };
  for (const peer of [...peers.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const shared = sharing(peer);
    if (shared === undefined) continue;
    for (const other of shared.sharedWith) link(peer.id, other);
    const provider = shared.providedBy;
    if (provider === undefined) continue;
    const list = customers.get(provider) ?? [];
    list.push(peer);
    customers.set(provider, list);
  }
  index = { sharers, customers };
  indexes.set(peers, index);
  return index;
}

/** Parties sharing resources with this one directly (either side may record it), never itself. */
function directSharers(profile: PartyProfile, peers: Peers): string[] {
  const ids = new Set(peerIndex(peers).sharers.get(profile.id));
  for (const id of sharing(profile)?.sharedWith ?? []) ids.add(id);
  ids.delete(profile.id);
  return [...ids].sort();
}

function total(own: PartyProfile, others: readonly PartyProfile[], domesticOnly: boolean): PremisesCount {
  return {
    domestic: own.premises.domestic + others.reduce((n, p) => n + p.premises.domestic, 0),
    nonDomestic: domesticOnly
      ? 0
      : own.premises.nonDomestic + others.reduce((n, p) => n + p.premises.nonDomestic, 0),
    addedFrom: others.map((p) => p.id),
  };
}

function resolve(ids: readonly string[], peers: Peers): PartyProfile[] {
  const found: PartyProfile[] = [];
  for (const id of ids) {
    const peer = peers.get(id);
    if (peer !== undefined) found.push(peer);
  }
  return found;
}

/**
 * A supplier's premises for G8.41–G8.42: its own plus, per G8.43, those of other Supplier Parties it
 * shares resources with directly (sharing through a Shared Resource Provider does not count here).
 */
export function supplierPremises(profile: PartyProfile, peers: Peers): PremisesCount {
  const others = resolve(directSharers(profile, peers), peers).filter((p) => p.supplierParty);
  return total(profile, others, false);
}

/**
 * A network party's domestic premises for G8.44–G8.45: its own plus, per G8.46, those of every other
 * Network Party sharing resources with it, directly or through the same Shared Resource Provider.
 */
export function networkPremises(profile: PartyProfile, peers: Peers): PremisesCount {
  const others = new Map<string, PartyProfile>();
  const add = (peer: PartyProfile | undefined) => {
    if (peer?.networkParty && peer.id !== profile.id && peer.kind === "party") others.set(peer.id, peer);
  };
  for (const peer of resolve(directSharers(profile, peers), peers)) add(peer);
  const provider = sharing(profile)?.providedBy;
  if (provider !== undefined) {
    // The provider is a User too (G10.5), whose User Systems are the very resources shared.
    add(peers.get(provider));
    for (const peer of peerIndex(peers).customers.get(provider) ?? []) add(peer);
  }
  return total(
    profile,
    [...others.values()].sort((a, b) => a.id.localeCompare(b.id)),
    true,
  );
}

/** The Users a Shared Resource Provider serves, split as G8.63 needs them. */
export type ProviderCustomers = {
  readonly suppliers: readonly PartyProfile[];
  readonly networks: readonly PartyProfile[];
  readonly others: readonly PartyProfile[];
};

export function providerCustomers(provider: PartyProfile, peers: Peers): ProviderCustomers {
  const customers = (peerIndex(peers).customers.get(provider.id) ?? []).filter((p) => p.id !== provider.id);
  return {
    suppliers: customers.filter((p) => p.supplierParty),
    networks: customers.filter((p) => p.networkParty),
    others: customers.filter((p) => !p.supplierParty && !p.networkParty),
  };
}

/** G8.63(a)/(b): the provider counts its customers' premises as if they were its own. */
export function customersPremises(customers: readonly PartyProfile[], domesticOnly: boolean): PremisesCount {
  return {
    domestic: customers.reduce((n, p) => n + p.premises.domestic, 0),
    nonDomestic: domesticOnly ? 0 : customers.reduce((n, p) => n + p.premises.nonDomestic, 0),
    addedFrom: customers.map((p) => p.id),
  };
}

/** G8.41(a)–(c): over 250,000 domestic, or over 50,000 non-domestic, or 5N + D over 250,000. */
export function isLargeSupplier({ domestic, nonDomestic }: PremisesCount): boolean {
  return domestic > 250_000 || nonDomestic > 50_000 || 5 * nonDomestic + domestic > 250_000;
}

/** G8.42: supplies some smart-metered premises but meets none of the G8.41 tests. */
export function isSmallerSupplier(count: PremisesCount): boolean {
  return count.domestic + count.nonDomestic > 0 && !isLargeSupplier(count);
}

/** G8.44 against G8.45: more than 250,000 domestic premises. */
export function isLargeNetwork({ domestic }: PremisesCount): boolean {
  return domestic > 250_000;
}
