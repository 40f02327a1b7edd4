import type { Condition } from "../catalogue/types.js";
import type { PartyProfile, RoleEntry, UserRole } from "../profile.js";
import {
  isLargeNetwork,
  isLargeSupplier,
  isSmallerSupplier,
  networkPremises,
  type Peers,
  type PremisesCount,
  providerCustomers,
  supplierPremises,
} from "./premises.js";

/**
 * Whether each catalogue Condition holds for the party, or for one of its roles, with the reason in
 * secg's words and the clause that makes the fact matter. The reason is worded for either outcome so it
 * can explain both why a provision applies and why a paragraph was left out.
 */
export type Fact = { readonly holds: boolean; readonly reason: string };
export type Facts = Readonly<Record<Condition, Fact>>;

/** The roles in which a User is the Responsible Supplier (electricity import or gas). */
const supplyingRoles: readonly UserRole[] = ["import-supplier", "gas-supplier"];

function fact(holds: boolean, yes: string, no: string): Fact {
  return { holds, reason: holds ? yes : no };
}

/** 1234567 → "1,234,567" (a regular expression: this runs for every party, Intl is slower). */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "120,000 domestic and 8,000 non-domestic premises, counting those of b (G8.43)". */
function counted(premises: PremisesCount, domesticOnly: boolean): string {
  const own = domesticOnly
    ? `${grouped(premises.domestic)} domestic`
    : `${grouped(premises.domestic)} domestic and ${grouped(premises.nonDomestic)} non-domestic`;
  const added = premises.from.filter((c) => c.source !== "own").map((c) => `${c.party} (${c.source})`);
  return added.length === 0 ? `${own} premises` : `${own} premises, counting those of ${added.join(", ")}`;
}

/** G8.41–G8.42 from a supplier premises count (a provider's includes its customers', G8.63(a)). */
function supplierCycleFacts(
  isSupplier: boolean,
  premises: PremisesCount,
): Pick<Facts, "large-supplier" | "smaller-supplier"> {
  const large = isSupplier && isLargeSupplier(premises);
  const smaller = isSupplier && isSmallerSupplier(premises);
  return {
    "large-supplier": fact(
      large,
      `G8.41: a large supplier with ${counted(premises, false)}`,
      "G8.41: not a Supplier Party over the large-supplier thresholds",
    ),
    "smaller-supplier": fact(
      smaller,
      `G8.42: a supplier below the G8.41 thresholds with ${counted(premises, false)}`,
      "G8.42: not a Supplier Party with smart-metered premises below the G8.41 thresholds",
    ),
  };
}

/** G8.44–G8.45 from a network domestic premises count (a provider's includes its customers', G8.63(b)). */
function networkCycleFacts(
  isNetwork: boolean,
  premises: PremisesCount,
): Pick<Facts, "large-network" | "smaller-network"> {
  const large = isNetwork && isLargeNetwork(premises);
  return {
    "large-network": fact(
      large,
      `G8.44: a network party with ${counted(premises, true)}`,
      "G8.44: not a Network Party over 250,000 domestic premises",
    ),
    "smaller-network": fact(
      isNetwork && !large,
      `G8.45: a network party with ${counted(premises, true)}`,
      "G8.45: not a Network Party with 250,000 or fewer domestic premises",
    ),
  };
}

/** The facts of the party as a whole (for duties on it as such, and the base for each role). */
export function partyFacts(profile: PartyProfile, peers: Peers): Facts {
  const shared = profile.sharedResources;
  const used = shared?.used === true;
  const provider = shared?.providedBy;
  const anyRole = (test: (r: RoleEntry) => boolean) => profile.roles.some(test);
  const neither = !profile.supplierParty && !profile.networkParty;
  const customers = providerCustomers(profile, peers);
  return {
    "enrolled-smets1": fact(
      profile.enrolledSmets1,
      "G1.10: Responsible Supplier for enrolled SMETS1 systems, the only SMETS1 systems Section G counts",
      "G1.10: no enrolled SMETS1 systems, and un-enrolled ones are out of scope",
    ),
    "eligible-supply-sensitive": fact(
      anyRole((r) => r.eligibleForSupplySensitive),
      "G3.23: eligible for Supply Sensitive requests in some role",
      "G3.23: not eligible for Supply Sensitive requests in any role",
    ),
    "shared-resources-used": fact(
      used,
      "G10.1: part of its User Systems are Shared Resources",
      "G10.1: uses no Shared Resources",
    ),
    "shared-resources-capable-of-compromise": fact(
      used && shared.capableOfCompromise,
      "G5.25(b): the sharing could carry or enlarge a Compromise between Users",
      "G5.25(b): no sharing that could carry or enlarge a Compromise",
    ),
    "shared-resources-via-provider": fact(
      used && provider !== undefined,
      `G10.2: the Shared Resources come from Shared Resource Provider ${provider ?? ""}`.trimEnd(),
      "G10.2: no Shared Resource Provider supplies its Shared Resources",
    ),
    "critical-service-requests": fact(
      profile.criticalServiceRequests,
      "G5.27: entitled to send Critical Service Requests",
      "G5.27: not entitled to send Critical Service Requests",
    ),
    "untested-critical-service-requests": fact(
      anyRole((r) => r.untestedCriticalServiceRequests.length > 0),
      "G6.4A: eligible in some role without testing every Critical Service Request",
      "G6.4A: no untested Critical Service Requests",
    ),
    "user-ids": fact(
      anyRole((r) => r.userIds.length > 0),
      "G6.3: sends Service Requests under User IDs",
      "G6.3: has no User IDs",
    ),
    "responsible-supplier": fact(
      anyRole((r) => supplyingRoles.includes(r.role)),
      "Responsible Supplier as Import or Gas Supplier",
      "not a Responsible Supplier (no Import or Gas Supplier role)",
    ),
    // G8.63(a)-(b): a Shared Resource Provider is sized as a Supplier (Network) Party when it serves them.
    ...supplierCycleFacts(
      profile.supplierParty || customers.suppliers.length > 0,
      supplierPremises(profile, peers),
    ),
    ...networkCycleFacts(
      profile.networkParty || customers.networks.length > 0,
      networkPremises(profile, peers),
    ),
    "neither-supplier-nor-network": fact(
      neither,
      "G8.47: neither a Supplier Party nor a Network Party",
      "G8.47: a Supplier Party or Network Party",
    ),
  };
}

/** The facts in one User Role: role facts replace the party's where the Code looks at the role (G1.5). */
export function roleFacts(base: Facts, role: RoleEntry): Facts {
  const untested = role.untestedCriticalServiceRequests;
  return {
    ...base,
    "eligible-supply-sensitive": fact(
      role.eligibleForSupplySensitive,
      "G3.23: eligible for Supply Sensitive requests in this role",
      "G3.23: not eligible for Supply Sensitive requests in this role",
    ),
    "untested-critical-service-requests": fact(
      untested.length > 0,
      `G6.4A: eligible in this role without testing Critical Service Requests ${untested.join(", ")}`,
      "G6.4A: no untested Critical Service Requests in this role",
    ),
    "user-ids": fact(
      role.userIds.length > 0,
      `G6.3: sends Service Requests in this role under User IDs ${role.userIds.join(", ")}`,
      "G6.3: no User IDs in this role",
    ),
    "responsible-supplier": fact(
      supplyingRoles.includes(role.role),
      "Responsible Supplier in this role",
      "not the Responsible Supplier in this role",
    ),
  };
}

/**
 * The facts in a Shared Resource Provider's own role: its User Systems are the Shared Resources it
 * provides (G10.5(c)), it is the provider G5.28(b) speaks of, and G8.63(c) gives it the G8.47 cycle when
 * it serves Other Users (or, serving nobody secg knows of, when it is itself neither kind of party).
 */
export function providerRoleFacts(
  base: Facts,
  profile: PartyProfile,
  servesOtherUsers: boolean,
  servesAnyone: boolean,
): Facts {
  const capable = profile.sharedResources?.capableOfCompromise ?? true;
  const neither = servesAnyone ? servesOtherUsers : base["neither-supplier-nor-network"].holds;
  return {
    ...base,
    "shared-resources-used": fact(
      true,
      "G10.5(c): its User Systems are the Shared Resources it provides",
      "",
    ),
    "shared-resources-capable-of-compromise": fact(
      capable,
      "G5.25(b): the Shared Resources it provides could carry or enlarge a Compromise between Users",
      "G5.25(b): its profile says the sharing could not carry or enlarge a Compromise",
    ),
    "shared-resources-via-provider": fact(true, "G10.5: it is itself the Shared Resource Provider", ""),
    "neither-supplier-nor-network": fact(
      neither,
      servesAnyone
        ? "G8.63(c): it serves Other Users, so it follows their G8.47 cycle"
        : "G8.47: neither a Supplier Party nor a Network Party",
      servesAnyone ? "G8.63(c): it serves no Other User" : "G8.47: a Supplier Party or Network Party",
    ),
  };
}
