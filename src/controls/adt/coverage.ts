import type { PartyProfile } from "../../obligations/profile.js";
import {
  defaultEncryptedResponseSrvs,
  serviceRequest,
  serviceRequests,
  type UserRole,
} from "../duis/service-requests.js";
import type { CountThreshold, Measure, Threshold } from "./thresholds.js";

/**
 * Whether a User's thresholds cover what G6.3 and G6.4A require of it, given the User Roles and
 * User IDs of its party profile and the SRVs the DUIS catalogue lets each role send.
 *
 * What counts as "set" (a reading of G6.3 and the Section A1 definition of an Anomaly Detection
 * Threshold, a level which when exceeded stops the communication): a user-scope count threshold
 * for that User ID and SRV, on the very measure G6.3 names — `critical` for (a)(i), `encrypted`
 * for (a)(ii) — with a quarantine level. A warning level alone stops nothing, and a threshold on
 * `all` is a different count from the one the Code names, so neither satisfies the duty.
 * Export Suppliers and Registered Supplier Agents keep G6 (G1.7(e)), so every DUIS role is checked.
 */

export type CoverageClause = "G6.3(a)(i)" | "G6.3(a)(ii)" | "G6.3" | "G6.4A";

export type CoverageFindingKind =
  /** No threshold with a quarantine level on a key G6.3 or G6.4A requires. */
  | "missing"
  /** An untested Critical Service Request whose critical thresholds all quarantine above zero. */
  | "not-zero"
  /** A threshold for a User ID the profile does not hold in any role. */
  | "unknown-user-id"
  /** A threshold for an SRV none of the User ID's roles may send. */
  | "not-eligible"
  /** The profile lists as untested a request that is not a Critical Service Request the role may send. */
  | "not-a-sendable-critical-request";

export type CoverageFinding = {
  readonly clause: CoverageClause;
  readonly kind: CoverageFindingKind;
  readonly userId: string;
  readonly srv: string;
  /** Absent for attribute limits and for profile entries, which have no measure. */
  readonly measure?: Measure;
  /** Position of the offending threshold in the file, when a threshold is at fault. */
  readonly threshold?: number;
  readonly message: string;
};

export type CoverageOptions = {
  /** SRVs whose responses are GBCS-encrypted; defaults to `defaultEncryptedResponseSrvs`. */
  readonly encryptedSrvs?: readonly string[];
};

type Requirement = {
  readonly clause: CoverageClause;
  readonly userId: string;
  readonly srv: string;
  readonly measure: "critical" | "encrypted";
  /** G6.4A: the quarantine level must be zero. */
  readonly zero: boolean;
};

const duisRoles: ReadonlySet<string> = new Set<UserRole>([
  "import-supplier",
  "export-supplier",
  "gas-supplier",
  "electricity-distributor",
  "gas-transporter",
  "other-user",
  "registered-supplier-agent",
]);

export function checkCoverage(
  thresholds: readonly Threshold[],
  profile: PartyProfile,
  options: CoverageOptions = {},
): CoverageFinding[] {
  const encrypted = new Set(options.encryptedSrvs ?? defaultEncryptedResponseSrvs);
  const findings: CoverageFinding[] = [];
  const requirements = new Map<string, Requirement>();
  const sendable = new Map<string, Set<string>>();

  for (const entry of profile.roles) {
    const role = entry.role;
    const srvs = duisRoles.has(role)
      ? serviceRequests.filter((s) => (s.roles as readonly string[]).includes(role))
      : [];
    const untested = new Set(entry.untestedCriticalServiceRequests);
    for (const srv of untested) {
      const variant = srvs.find((s) => s.srv === srv);
      if (!variant?.critical) {
        for (const userId of entry.userIds) {
          findings.push({
            clause: "G6.4A",
            kind: "not-a-sendable-critical-request",
            userId,
            srv,
            message: `${srv} is listed as an untested Critical Service Request of ${role}, but it is not a Critical Service Request that role may send`,
          });
        }
      }
    }
    for (const userId of entry.userIds) {
      const own = sendable.get(userId) ?? new Set<string>();
      sendable.set(userId, own);
      for (const variant of srvs) {
        own.add(variant.srv);
        if (variant.critical) {
          const zero = untested.has(variant.srv);
          addRequirement(requirements, {
            clause: zero ? "G6.4A" : "G6.3(a)(i)",
            userId,
            srv: variant.srv,
            measure: "critical",
            zero,
          });
        }
        if (encrypted.has(variant.srv)) {
          addRequirement(requirements, {
            clause: "G6.3(a)(ii)",
            userId,
            srv: variant.srv,
            measure: "encrypted",
            zero: false,
          });
        }
      }
    }
  }

  const counts = new Map<string, CountThreshold[]>();
  for (const threshold of thresholds) {
    if (threshold.scope.kind !== "user") continue;
    const { userId } = threshold.scope;
    const own = sendable.get(userId);
    if (own === undefined) {
      findings.push({
        clause: "G6.3",
        kind: "unknown-user-id",
        userId,
        srv: threshold.srv,
        ...measureOf(threshold),
        threshold: threshold.index,
        message: `threshold ${threshold.index} is for User ID ${userId}, which no role of ${profile.id} uses`,
      });
    } else if (!own.has(threshold.srv)) {
      findings.push({
        clause: "G6.3",
        kind: "not-eligible",
        userId,
        srv: threshold.srv,
        ...measureOf(threshold),
        threshold: threshold.index,
        message: `threshold ${threshold.index} is for SRV ${threshold.srv}, which no role of User ID ${userId} may send`,
      });
    }
    if (threshold.kind === "count") {
      const key = keyOf(userId, threshold.srv, threshold.measure);
      const list = counts.get(key);
      if (list) list.push(threshold);
      else counts.set(key, [threshold]);
    }
  }

  for (const [key, requirement] of requirements) {
    const quarantining = (counts.get(key) ?? []).filter((t) => t.levels.quarantine !== undefined);
    const { userId, srv, measure, clause } = requirement;
    const name = serviceRequest(srv)?.name ?? srv;
    if (quarantining.length === 0) {
      const what = measure === "critical" ? "Critical Commands" : "requests with encrypted responses";
      findings.push({
        clause,
        kind: "missing",
        userId,
        srv,
        measure,
        message: `User ID ${userId} has no ${measure} threshold with a quarantine level${requirement.zero ? " of 0" : ""} for SRV ${srv} (${name}): one counting ${what} is required`,
      });
    } else if (requirement.zero && !quarantining.some((t) => t.levels.quarantine === 0)) {
      findings.push({
        clause,
        kind: "not-zero",
        userId,
        srv,
        measure,
        threshold: quarantining[0]!.index,
        message: `User ID ${userId} did not complete testing for SRV ${srv} (${name}), so its critical threshold must quarantine at 0, not ${quarantining[0]!.levels.quarantine}`,
      });
    }
  }
  return findings;
}

function addRequirement(requirements: Map<string, Requirement>, requirement: Requirement): void {
  const key = keyOf(requirement.userId, requirement.srv, requirement.measure);
  // A User ID in two roles: an untested request in either role needs the zero level.
  const existing = requirements.get(key);
  if (!existing || (requirement.zero && !existing.zero)) requirements.set(key, requirement);
}

function keyOf(userId: string, srv: string, measure: Measure): string {
  return `${userId} ${srv} ${measure}`;
}

function measureOf(threshold: Threshold): { measure?: Measure } {
  return threshold.kind === "count" ? { measure: threshold.measure } : {};
}
