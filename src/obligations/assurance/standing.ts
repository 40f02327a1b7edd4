import {
  isSmallerSupplier,
  networkPremises,
  type Peers,
  type PremisesCount,
  providerCustomers,
  supplierPremises,
} from "../applicability/premises.js";
import type { PartyProfile, UserRole } from "../profile.js";
import type { CycleClause } from "./cycles.js";
import { formatCount, networkTest, supplierTest } from "./size.js";

/**
 * Where a party stands for User Security Assessments: outside them (the DCC, a party that is not a
 * User, or one acting only in the roles G1.7 excuses), a Triage Facility Provider (G12.8), a User with
 * one or more of the G8.41–G8.47 cycles, or a User G8.40 binds but none of those cycles describes (a
 * Supplier Party counting no smart-metered premises and nothing else).
 */
export type Standing =
  | { readonly kind: "dcc"; readonly because: readonly string[] }
  | { readonly kind: "not-user"; readonly because: readonly string[] }
  | { readonly kind: "excused"; readonly because: readonly string[] }
  | { readonly kind: "triage"; readonly because: readonly string[] }
  | { readonly kind: "uncategorised"; readonly because: readonly string[] }
  | {
      readonly kind: "user";
      readonly cycles: readonly [CycleClause, ...CycleClause[]];
      readonly because: readonly string[];
    };

/** Roles that do not by themselves put a party in a G8.41–G8.47 cycle (G1.7, G12.8). */
const outsideCycle: readonly UserRole[] = [
  "export-supplier",
  "registered-supplier-agent",
  "triage-facility-provider",
];

function describe(counted: PremisesCount, what: "supplier" | "network"): string {
  const parts = counted.from.map((c) => {
    const figures =
      what === "supplier"
        ? `${formatCount(c.domestic)} domestic and ${formatCount(c.nonDomestic)} non-domestic`
        : `${formatCount(c.domestic)} domestic`;
    return c.source === "own" ? `its own ${figures}` : `${c.party}'s ${figures} (${c.source})`;
  });
  return `counting premises: ${parts.length === 0 ? "none" : parts.join(" + ")}`;
}

export function standingOf(party: PartyProfile, peers: Peers): Standing {
  if (party.kind === "dcc") {
    return { kind: "dcc", because: ["the DCC is not a User: its security assurance is set by G9, not G8"] };
  }
  const roles = party.roles.map((r) => r.role);
  if (roles.length === 0) {
    return {
      kind: "not-user",
      because: ["no User Roles (roles: []): the yearly assessments of G8.40–G8.47 bind Users"],
    };
  }
  const isTriage = roles.includes("triage-facility-provider");
  if (roles.every((r) => outsideCycle.includes(r))) {
    if (isTriage) {
      return {
        kind: "triage",
        because: [
          "a Triage Facility Provider, treated as a User for G8 (G12.5): it books an assessment within 12 months of the last one, and the SSC decides each one's category (G12.8)",
        ],
      };
    }
    return {
      kind: "excused",
      because: [
        "acts only as Export Supplier or Registered Supplier Agent: G1.7 releases those roles from the duties G8 places on Users, the yearly assessments (G8.40–G8.47) included",
      ],
    };
  }

  const { cycles, because } = userCycles(party, peers);
  if (isTriage) {
    because.push(
      "also a Triage Facility Provider: the SSC sets the category of its triage assessments (G12.8); this plan follows its User cycle",
    );
  }
  const [first, ...rest] = cycles;
  if (first === undefined) {
    because.push(
      "G8.40 still has it book a User Security Assessment within 12 months of the last, but no paragraph of G8.41–G8.47 sets the category: ask the SSC",
    );
    return { kind: "uncategorised", because };
  }
  return { kind: "user", cycles: [first, ...rest], because };
}

/**
 * The cycles of G8.41–G8.47 that apply to a User, by what it is and, per G8.63, whom it serves. Empty
 * only for a Supplier Party counting no premises: G8.42 needs some, G8.47 needs it not to be one.
 */
function userCycles(party: PartyProfile, peers: Peers): { cycles: CycleClause[]; because: string[] } {
  const because: string[] = [];
  const cycles: CycleClause[] = [];
  const customers = providerCustomers(party, peers);
  const served = [...customers.suppliers, ...customers.networks, ...customers.others];
  if (served.length > 0) {
    because.push(
      `Shared Resource Provider to ${served.map((p) => p.id).join(", ")}: G8.63 puts it in the cycle of each kind of User it serves`,
    );
  }

  const asSupplier = party.supplierParty || customers.suppliers.length > 0;
  if (asSupplier) {
    const counted = supplierPremises(party, peers);
    const test = supplierTest(counted);
    const via = party.supplierParty ? "Supplier Party" : "treated as a Supplier Party (G8.63(a))";
    if (test.large || isSmallerSupplier(counted)) {
      because.push(`${via}, ${describe(counted, "supplier")}; ${test.because}`);
      cycles.push(test.large ? "G8.41" : "G8.42");
    } else {
      because.push(
        `${via}, ${describe(counted, "supplier")}: with no smart-metered premises G8.41 cannot apply and G8.42, written for a supplier to premises through Smart Metering Systems, does not either`,
      );
    }
  }
  const asNetwork = party.networkParty || customers.networks.length > 0;
  if (asNetwork) {
    const counted = networkPremises(party, peers);
    const test = networkTest(counted);
    const via = party.networkParty ? "Network Party" : "treated as a Network Party (G8.63(b))";
    because.push(`${via}, ${describe(counted, "network")}; ${test.because}`);
    cycles.push(test.large ? "G8.44" : "G8.45");
  }
  if ((!asSupplier && !asNetwork) || customers.others.length > 0) {
    because.push(
      !asSupplier && !asNetwork
        ? "neither a Supplier Party nor a Network Party, so G8.47 applies"
        : "serves Other Users, so G8.47 applies too (G8.63(c))",
    );
    cycles.push("G8.47");
  }
  if (cycles.length > 1) {
    because.push(
      "under more than one cycle: each assessment is planned as the most searching category any of them asks for",
    );
  }
  if (asSupplier || asNetwork) {
    because.push(
      "premises as the profile gives them now: G8.49 counts them afresh each year, so the projection assumes they hold",
    );
  }
  return { cycles, because };
}
