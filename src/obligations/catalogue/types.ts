/**
 * The catalogue of Section G: one entry per clause per span of Code versions, in the project's own
 * words beside the clause id (law beside code, as Catala keeps it). Entries are plain data; the
 * applicability rules read them, they never read the rules.
 */

/** Labels of the Code versions the catalogue knows, oldest first (see ./versions.ts). */
export type CodeVersionLabel = string;

/** Who a provision addresses. Users are further narrowed by role and conditions (G1.5–G1.7). */
export type Bearer =
  | "dcc"
  | "user"
  | "supplier-party"
  | "network-party"
  | "party"
  | "eligible-user-supply-sensitive"
  | "shared-resource-provider"
  | "triage-facility-provider"
  | "panel"
  | "ssc"
  | "ssc-chair"
  | "code-administrator"
  | "authority"
  | "user-independent-assurance-provider"
  | "dcc-independent-assurance-provider"
  | "dcc-service-provider";

export type ProvisionKind =
  | "duty"
  | "definition"
  | "interpretation"
  | "permission"
  | "relief"
  | "procedure"
  /** A clause number kept but marked "Not used". */
  | "reserved";

/** Facts about a party that switch a provision on (the profile decides each one). */
export type Condition =
  | "enrolled-smets1" // G1.10, G3.26
  | "eligible-supply-sensitive" // G3.23–G3.25
  | "shared-resources-used" // G10.1, G5.25
  | "shared-resources-capable-of-compromise" // G5.25(b)
  | "shared-resources-via-provider" // G10.2, G5.28
  | "critical-service-requests" // G5.27
  | "untested-critical-service-requests" // G6.4A
  | "large-supplier" // G8.41: over 250,000 domestic or 50,000 non-domestic premises, or 5N + D > 250,000 (G8.43)
  | "smaller-supplier" // G8.42: Responsible Supplier for some premises but meeting none of the G8.41 tests
  | "large-network" // G8.44: over 250,000 domestic premises as Distributor/Transporter (G8.46)
  | "smaller-network" // G8.45: 250,000 or fewer domestic premises as Distributor/Transporter
  | "neither-supplier-nor-network" // G8.47: a User that is neither a Supplier Party nor a Network Party
  | "user-ids" // roles that send Service Requests under User IDs (G6)
  | "responsible-supplier"; // roles in which it is the Responsible Supplier: Import or Gas Supplier (G3.17(b), G3.20(b))

export type Trigger =
  | { readonly kind: "standing" }
  | { readonly kind: "periodic"; readonly every: "P6M" | "P1Y" | "P3Y" | "cycle" }
  | { readonly kind: "event"; readonly event: TriggerEvent }
  | { readonly kind: "dated"; readonly by: "ssc" | "panel" | "authority" };

export type TriggerEvent =
  | "major-security-incident"
  | "material-change"
  | "new-component"
  | "vulnerability-found"
  | "report-received"
  | "assessment-report"
  | "request"
  | "decommissioning"
  | "new-system"
  | "other";

export type Area = "system" | "organisational" | "information" | "assurance";

/** A paragraph of a duty that applies on its own terms (its id is the smallest unit that applies). */
export type ParagraphRule = {
  readonly id: string; // e.g. "G5.19(d)"
  readonly summary: string;
  readonly conditions?: readonly Condition[];
};

type Common = {
  /** The clause id, e.g. "G3.20". */
  readonly clause: string;
  /** What the clause does, in the project's own words (never the Code's sentences). */
  readonly summary: string;
  /** The first Code version in which this entry holds, and the first in which it no longer does. */
  readonly since: CodeVersionLabel;
  readonly until?: CodeVersionLabel;
};

export type DutyEntry = Common & {
  readonly kind: "duty";
  readonly bearers: readonly [Bearer, ...Bearer[]];
  readonly trigger: Trigger;
  readonly area: Area;
  /** What an assessor would ask to see, in a few words each. */
  readonly evidence: readonly string[];
  /** Ids in the standards register (./standards.ts) the duty cites. */
  readonly standards: readonly string[];
  /** Conditions that must all hold for the whole clause to bind. */
  readonly conditions?: readonly Condition[];
  /** When only some paragraphs bind (on their own conditions), the paragraphs; else the clause binds whole. */
  readonly paragraphs?: readonly ParagraphRule[];
};

export type OtherEntry = Common & {
  readonly kind: Exclude<ProvisionKind, "duty">;
  /** Who acts, may act, or is relieved, where the provision names someone. */
  readonly actors?: readonly Bearer[];
  /** For interpretation and relief: the provisions it reads into or relieves. */
  readonly affects?: readonly string[];
};

export type CatalogueEntry = DutyEntry | OtherEntry;
