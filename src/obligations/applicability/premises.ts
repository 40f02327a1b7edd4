import type { PartyProfile } from "../profile.js";

/**
 * The premises counts G8 sizes a party by: one module for the applicability rules and the assurance
 * planner, so that both always put a party on the same cycle.
 *
 * A party's own counts are in its profile; G8.43, G8.46 and G8.63 add other parties' counts when
 * resources are shared, which is why these take the other profiles (`peers`, keyed by id) too. Sharing
 * is read from either side: it is enough that one of the two profiles records it. A party named in a
 * profile but absent from `peers` cannot be counted and is ignored; the CLI refuses such references
 * before the rules run. A provider's resources are taken to be shared by all of its customers, since a
 * profile does not say which resources go to whom.
 *
 * G8.63 is read as one count, not two: a Shared Resource Provider serving Supplier Parties is treated as
 * if their meters were its own, so when it is also a Supplier Party itself its own premises and its
 * customers' are added together (likewise for Network Parties). Each customer brings only the premises
 * it is Responsible Supplier (or Distributor/Transporter) for, not what G8.43 or G8.46 add to its own
 * total.
 */
export type Peers = ReadonlyMap<string, PartyProfile>;

/** Why a party's premises are in a count. */
export type PremisesSource = "own" | "G8.43" | "G8.46" | "G8.63(a)" | "G8.63(b)";

export type Contribution = {
  readonly party: string;
  readonly source: PremisesSource;
  readonly domestic: number;
  readonly nonDomestic: number;
};

export type PremisesCount = {
  readonly domestic: number;
  readonly nonDomestic: number;
  /** Each party counted, once, with the clause that brought it in: the party itself first when it counts. */
  readonly from: readonly Contribution[];
};

/** The Users a Shared Resource Provider serves, grouped the way G8.63(a)–(c) treat them. */
export type ProviderCustomers = {
  readonly suppliers: readonly PartyProfile[];
  readonly networks: readonly PartyProfile[];
  readonly others: readonly PartyProfile[];
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
    if (provider === undefined || provider === peer.id) continue;
    const list = customers.get(provider) ?? [];
    list.push(peer);
    customers.set(provider, list);
  }
  index = { sharers, customers };
  indexes.set(peers, index);
  return index;
}

/** Parties sharing resources with this one directly (either side may record it), never itself. */
function directSharers(profile: PartyProfile, peers: Peers): PartyProfile[] {
  const ids = new Set(peerIndex(peers).sharers.get(profile.id));
  for (const id of sharing(profile)?.sharedWith ?? []) ids.add(id);
  ids.delete(profile.id);
  return resolve([...ids].sort(), peers);
}

function resolve(ids: readonly string[], peers: Peers): PartyProfile[] {
  const found: PartyProfile[] = [];
  for (const id of ids) {
    const peer = peers.get(id);
    if (peer !== undefined) found.push(peer);
  }
  return found;
}

const noCustomers: ProviderCustomers = { suppliers: [], networks: [], others: [] };

/**
 * The Users whose profiles name `provider` as their Shared Resource Provider (G10.2), in id order. Only
 * a profile acting in the Shared Resource Provider role (G10.5(d)) has customers: that role is what
 * brings in the provider's own duties, so G8.63 follows it too.
 */
export function providerCustomers(provider: PartyProfile, peers: Peers): ProviderCustomers {
  if (!provider.roles.some((r) => r.role === "shared-resource-provider")) return noCustomers;
  const customers = peerIndex(peers).customers.get(provider.id) ?? [];
  return {
    suppliers: customers.filter((p) => p.supplierParty),
    networks: customers.filter((p) => p.networkParty),
    others: customers.filter((p) => !p.supplierParty && !p.networkParty),
  };
}

/** Adds each party once, first come first counted, so a customer that also shares directly is not doubled. */
function total(
  added: readonly (readonly [PartyProfile, PremisesSource])[],
  domesticOnly: boolean,
): PremisesCount {
  const from: Contribution[] = [];
  const seen = new Set<string>();
  for (const [party, source] of added) {
    if (seen.has(party.id)) continue;
    seen.add(party.id);
    from.push({
      party: party.id,
      source,
      domestic: party.premises.domestic,
      nonDomestic: domesticOnly ? 0 : party.premises.nonDomestic,
    });
  }
  return {
    domestic: from.reduce((n, c) => n + c.domestic, 0),
    nonDomestic: from.reduce((n, c) => n + c.nonDomestic, 0),
    from,
  };
}

const tagged =
  (source: PremisesSource) =>
  (party: PartyProfile): readonly [PartyProfile, PremisesSource] => [party, source];

/**
 * Premises for G8.41–G8.42: its own when it is a Supplier Party; per G8.43, those of Supplier Parties
 * it shares resources with directly (sharing through a Shared Resource Provider does not count here);
 * per G8.63(a), those of the Supplier Parties it serves as a Shared Resource Provider.
 */
export function supplierPremises(profile: PartyProfile, peers: Peers): PremisesCount {
  return total(
    [
      ...(profile.supplierParty ? [tagged("own")(profile)] : []),
      ...directSharers(profile, peers)
        .filter((p) => p.supplierParty)
        .map(tagged("G8.43")),
      ...providerCustomers(profile, peers).suppliers.map(tagged("G8.63(a)")),
    ],
    false,
  );
}

/**
 * Domestic premises for G8.44–G8.45: its own when it is a Network Party; per G8.46, those of every
 * other Network Party sharing resources with it, directly or through the same Shared Resource Provider
 * (the provider included: it is a User too, G10.5, whose User Systems are the resources shared); per
 * G8.63(b), those of the Network Parties it serves as a Shared Resource Provider.
 */
export function networkPremises(profile: PartyProfile, peers: Peers): PremisesCount {
  const throughProvider: PartyProfile[] = [];
  const provider = sharing(profile)?.providedBy;
  if (provider !== undefined) {
    const found = peers.get(provider);
    if (found !== undefined) throughProvider.push(found);
    throughProvider.push(...(peerIndex(peers).customers.get(provider) ?? []));
  }
  const sharers = [...directSharers(profile, peers), ...throughProvider]
    .filter((p) => p.networkParty && p.kind === "party" && p.id !== profile.id)
    .sort((a, b) => a.id.localeCompare(b.id));
  return total(
    [
      ...(profile.networkParty ? [tagged("own")(profile)] : []),
      ...sharers.map(tagged("G8.46")),
      ...providerCustomers(profile, peers).networks.map(tagged("G8.63(b)")),
    ],
    true,
  );
}

/** The G8.41 and G8.44–G8.45 thresholds; each test is strictly above its limit. */
export const domesticLimit = 250_000;
export const nonDomesticLimit = 50_000;
export const weightedLimit = 250_000;

/** G8.41(a)–(c): over 250,000 domestic, or over 50,000 non-domestic, or 5N + D over 250,000. */
export function isLargeSupplier({ domestic, nonDomestic }: PremisesCount): boolean {
  return (
    domestic > domesticLimit || nonDomestic > nonDomesticLimit || 5 * nonDomestic + domestic > weightedLimit
  );
}

/**
 * G8.42: supplies some premises through Smart Metering Systems but meets none of the G8.41 tests. A
 * Supplier Party counting no premises at all is outside G8.42 by its words (and outside G8.47, which is
 * for Users that are not Supplier Parties): no cycle of G8.41–G8.47 names its category.
 */
export function isSmallerSupplier(count: PremisesCount): boolean {
  return count.domestic + count.nonDomestic > 0 && !isLargeSupplier(count);
}

/** G8.44 against G8.45: more than 250,000 domestic premises (G8.45 covers 250,000 or fewer, none included). */
export function isLargeNetwork({ domestic }: PremisesCount): boolean {
  return domestic > domesticLimit;
}
