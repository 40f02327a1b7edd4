import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/**
 * Section G11: the ECoS Transition and Migration Approach Document, a SEC Subsidiary Document that
 * governs moving Devices' change-of-supplier credentials from the transitional CoS service (TCoS) to
 * the enduring one (ECoS). G11 itself mostly says how that document is made and what it may hold; the
 * duties on Parties live in the document, which G11.9 makes binding. Known only from seed 001.
 */
export const g11: readonly CatalogueEntry[] = [
  {
    clause: "G11.1",
    kind: "procedure",
    summary:
      "The Secretary of State writes the first version of the document, which enters the Code under Part G of DCC Licence Condition 22 and Section X5.",
    since: firstVersion,
  },
  {
    clause: "G11.2",
    kind: "procedure",
    summary:
      "The DCC writes the second and any later versions under G11; they enter the Code under Licence Condition 22 Part G and, while Section X still has effect, X5.",
    since: firstVersion,
    actors: ["dcc"],
  },
  {
    clause: "G11.3",
    kind: "interpretation",
    summary:
      "The first version exists to hold back the post-migration changes to Sections G and L until ECoS Migration has begun and Devices whose security credentials draw on an ECoS Certificate can be Commissioned.",
    since: firstVersion,
    affects: ["G", "L"],
  },
  {
    clause: "G11.4",
    kind: "interpretation",
    summary:
      "Later versions also serve to: migrate SMETS2+ Devices from TCoS to ECoS Certificate credentials; let the TCoS Service Provider's 'CoS Update Security Credentials' requests work for unmigrated Devices; allow TCoS-credentialed installs for a while; and set transitional rules around migration and around the Centralised Registration Service's arrival.",
    since: firstVersion,
    affects: ["G11.5", "G11.6"],
  },
  {
    clause: "G11.5",
    kind: "interpretation",
    summary:
      "The document may contain, among other things: extra or varied rights and duties for the DCC and Parties; migration processes for SMETS2+ and SMETS1 Devices and their preconditions; DCC progress reporting and retry strategy for failed migrations; DCC and Supplier Party steps to fix failure causes; secure decommissioning of TCoS systems with certificate revocation and verified key destruction; transitional limits on Services; and dispute resolution.",
    since: firstVersion,
    affects: ["G11.9"],
  },
  {
    clause: "G11.6",
    kind: "duty",
    summary:
      "When the Secretary of State directs, the DCC drafts the next version in consultation with Parties, other interested persons and (under G11.7) the SSC, tries to settle disagreements in line with the document's purposes, and sends the draft with its reasons, the consultation responses and any unresolved disagreements.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "event", event: "other" },
    area: "organisational",
    evidence: [
      "consultation record and responses",
      "disagreement log",
      "submission to the Secretary of State",
    ],
    standards: [],
  },
  {
    clause: "G11.7",
    kind: "duty",
    summary:
      "If the DCC reasonably thinks its changes could affect the End-to-End Security Architecture or the Security Risk Assessment risks, it gives the SSC a Security Impact Assessment; the SSC comments, the DCC answers and updates the draft, and the SSC tells the Secretary of State whether unacceptable risks remain.",
    since: firstVersion,
    bearers: ["dcc", "ssc"],
    trigger: { kind: "event", event: "material-change" },
    area: "organisational",
    evidence: [
      "Security Impact Assessment",
      "SSC comments and DCC responses",
      "SSC notice to the Secretary of State",
    ],
    standards: [],
  },
  {
    clause: "G11.8",
    kind: "duty",
    summary:
      "The DCC follows any direction the Secretary of State gives on the draft: amending it, producing a further draft, or following a set process and timetable before resubmitting.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "event", event: "other" },
    area: "organisational",
    evidence: ["Secretary of State direction", "record of actions taken under it"],
    standards: [],
  },
  {
    clause: "G11.9",
    kind: "duty",
    summary:
      "The DCC, and each category of Party the document names (only those), must comply with the ECoS Transition and Migration Approach Document.",
    since: firstVersion,
    bearers: ["dcc", "party"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "mapping of the document's requirements to owners",
      "migration progress and exception records",
    ],
    standards: [],
  },
  {
    clause: "G11.10",
    kind: "interpretation",
    summary: "Within its subject matter the document overrides the other SEC Subsidiary Documents.",
    since: firstVersion,
    affects: ["SEC Subsidiary Documents"],
  },
  {
    clause: "G11.11",
    kind: "interpretation",
    summary:
      "Each version from the second on must fix an end date (or a way to find one); from then it stops having effect, leaving earlier accrued rights and duties intact, and drops out of the Code automatically.",
    since: firstVersion,
    affects: ["G11.9"],
  },
  {
    clause: "G11.12",
    kind: "definition",
    summary:
      "Defines for G11: Centralised Registration Service, ECoS and TCoS Certificates (Organisation Certificates whose Subject is the respective service provider), ECoS Migration, the ECoS and TCoS Service Providers, Enduring Change of Supplier Arrangements, and Subject.",
    since: firstVersion,
  },
];
