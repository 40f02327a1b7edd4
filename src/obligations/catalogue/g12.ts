import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/**
 * Section G12: assurance of device triage facilities. It binds only where the SSC's device assurance
 * and triage guidance calls for independent assurance (G12.2); a Triage Facility Provider is then
 * treated as a User for G1, G3–G5, G7 and G8 (G12.5) on top of its own duties here.
 */
export const g12: readonly CatalogueEntry[] = [
  {
    clause: "G12.1",
    kind: "interpretation",
    summary: "Several terms used in G12 are defined in G12.9.",
    affects: ["G12.9"],
    since: firstVersion,
  },
  {
    clause: "G12.2",
    kind: "interpretation",
    summary:
      "G12 applies only where the SSC's device assurance and triage guidance says triage providers need independent assurance.",
    affects: ["G12.3", "G12.4", "G12.5", "G12.6", "G12.7", "G12.8", "G12.9"],
    since: firstVersion,
  },
  {
    clause: "G12.3",
    kind: "interpretation",
    summary:
      "Only a SEC Party (existing or newly acceded) can be a Triage Facility Provider, but it does not have to be a User.",
    affects: ["G12.9"],
    since: firstVersion,
  },
  {
    clause: "G12.4",
    kind: "duty",
    summary:
      "A Triage Facility Provider: leaves alone devices whose tamper boundary was already broken; triages only through the manufacturer's Triage Tool and interface; guards them with MFA, role-based access and physical security; reseals devices; logs every triage job (requestor, model and serial, successes, failures, reseal) and shows the log to the SSC on request; helps assessors; meets G1, G3–G5, G7, G8 and G12.6–G12.8; and follows Good Industry Practice.",
    bearers: ["triage-facility-provider"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "MFA and role-based access configuration for the Triage Tool and interface",
      "asset management log of triage jobs and reseals",
      "physical security controls for tools and devices",
      "record of devices refused because their seals were already broken",
    ],
    standards: ["ncsc-cpa"],
    since: firstVersion,
  },
  {
    clause: "G12.5",
    kind: "interpretation",
    summary:
      "Unless the SSC guidance says otherwise, a Triage Facility Provider counts as a User in G1, G3–G5, G7 and G8, its User Systems being the triage it carries out at the facility; the SSC gives guidance on how those parts apply to it.",
    affects: ["G1", "G3", "G4", "G5", "G7", "G8"],
    since: firstVersion,
  },
  {
    clause: "G12.6",
    kind: "duty",
    summary:
      "Before doing any triage, a Triage Facility Provider undergoes an initial Full User Security Assessment by the assessor, run as in G8.22–G8.30.",
    bearers: ["triage-facility-provider"],
    trigger: { kind: "event", event: "other" },
    area: "assurance",
    evidence: [
      "initial Full assessment report",
      "assessment response",
      "date of first triage job after the assessment",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G12.7",
    kind: "duty",
    summary:
      "The Panel sets the provider's status as in G8.35–G8.36; the provider may triage when approved outright, needs the SSC's explicit go-ahead when approved on conditions, and must not triage while deferred or rejected.",
    bearers: ["triage-facility-provider"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: [
      "assurance status set by the Panel",
      "SSC approval where the status was conditional",
      "first triage date after approval",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G12.8",
    kind: "duty",
    summary:
      "The provider books another assessment within 12 months of each one; the SSC picks its category (Full, Verification or self-assessment) in proportion to the risks found since the last one and the volume of devices triaged.",
    bearers: ["triage-facility-provider", "ssc"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "assessment bookings at most 12 months apart",
      "SSC decision on each category with its reasons",
      "triage volume figures",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G12.9",
    kind: "definition",
    summary:
      "Defines Requestor, the SSC triage guidance (G7.19(g)), Triage (diagnosing, upgrading or resetting a Device), Triage Activities, Triage Facility, Triage Facility Provider, Triage System, Triage Tool, and the Triage System Interface (a manufacturer's encrypted link over TLS with client authentication or IPsec).",
    since: firstVersion,
  },
];
