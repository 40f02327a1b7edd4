import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/**
 * Section G7: the Security Sub-Committee (SSC). Most of the part constitutes the SSC (membership,
 * elections, proceedings), which the catalogue records as procedure; the SSC's standing work on the
 * security documents, assurance and advice (G7.19–G7.22) is recorded as duties so that the SSC can
 * track them like any other bearer.
 */
export const g7: readonly CatalogueEntry[] = [
  {
    clause: "G7.1",
    kind: "procedure",
    summary: "The Panel sets up the Security Sub-Committee as a Sub-Committee under the rules of this part.",
    actors: ["panel", "ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.2",
    kind: "procedure",
    summary:
      "The general Sub-Committee rules of Section C6 govern the SSC except where G7 provides otherwise.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.3",
    kind: "procedure",
    summary:
      "Membership: a Chair, eight Supplier members, two Network members, one Other User member, one Shared Resource Provider member and one DCC representative.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.4",
    kind: "procedure",
    summary: "Members are natural persons, never organisations, and nobody may occupy two seats at once.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.5",
    kind: "procedure",
    summary:
      "The Panel appoints an independent, paid Chair for three years (renewable, removable, with a hold-over until a successor starts); for appointments after paragraph (f) began, the Panel first clears the choice with the Secretary of State, reserves a power to end it on the Secretary of State's direction, and, where the appointee lacks Security Check clearance, requires an application within a month and ends the post if clearance is not obtained within a year (or an approved longer time).",
    actors: ["panel", "ssc-chair"],
    since: firstVersion,
  },
  {
    clause: "G7.5A",
    kind: "procedure",
    summary:
      "For a Chair appointed under G7.5(f), the Secretary of State can direct the Panel to end the appointment when needed to protect the security of the end-to-end smart metering system.",
    actors: ["panel", "ssc-chair"],
    since: firstVersion,
  },
  {
    clause: "G7.5B",
    kind: "procedure",
    summary:
      "The Panel must act on any such direction from the Secretary of State to end the Chair's appointment.",
    actors: ["panel"],
    since: firstVersion,
  },
  {
    clause: "G7.6",
    kind: "procedure",
    summary:
      "Supplier members are appointed under G7.7 after member confirmation, serve two-year terms (and may stand again), and can be removed as Panel Elected Members can.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.7",
    kind: "procedure",
    summary:
      "Large Supplier Parties elect six of the Supplier members and Small Supplier Parties two, otherwise following the Panel election process of C4.2–C4.3.",
    actors: ["supplier-party"],
    since: firstVersion,
  },
  {
    clause: "G7.8",
    kind: "procedure",
    summary:
      "Network members are appointed under G7.9 after member confirmation, serve two-year terms (and may stand again), and can be removed as Panel Elected Members can.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.9",
    kind: "procedure",
    summary:
      "Electricity Network Parties elect one Network member and Gas Network Parties the other, otherwise following the Panel election process.",
    actors: ["network-party"],
    since: firstVersion,
  },
  {
    clause: "G7.10",
    kind: "procedure",
    summary:
      "The Other User member is appointed under G7.11 after member confirmation, serves a two-year term (and may stand again), and can be removed as Panel Elected Members can.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.11",
    kind: "procedure",
    summary:
      "Other SEC Parties acting as Other Users elect the Other User member, otherwise following the Panel election process.",
    actors: ["user"],
    since: firstVersion,
  },
  {
    clause: "G7.12",
    kind: "procedure",
    summary:
      "The Shared Resource Provider member is appointed under G7.13 after member confirmation, serves a two-year term (and may stand again), and can be removed as Panel Elected Members can.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.13",
    kind: "procedure",
    summary:
      "Other SEC Parties that are Shared Resource Providers elect their member, otherwise following the Panel election process.",
    actors: ["shared-resource-provider"],
    since: firstVersion,
  },
  {
    clause: "G7.14",
    kind: "procedure",
    summary:
      "Within 5 Working Days after nominations close the SSC may reject a candidate who lacks a senior organisational nominator, confirmed security expertise for the seat, or a BS 7858 (or equivalent) screening; the candidate may take a rejection to the Panel within 3 Working Days, and the Secretariat holds back the candidate list meanwhile.",
    actors: ["ssc", "panel"],
    since: firstVersion,
  },
  {
    clause: "G7.15",
    kind: "permission",
    summary:
      "The DCC may name, and later replace, one SSC member by notice to the Secretariat, subject to member confirmation.",
    actors: ["dcc"],
    since: firstVersion,
  },
  {
    clause: "G7.16",
    kind: "procedure",
    summary:
      "Secretary of State and Authority representatives are invited to every SSC meeting, may speak freely and receive all papers; the Chair invites outside security experts the SSC wants to hear.",
    actors: ["ssc", "ssc-chair", "authority"],
    since: firstVersion,
  },
  {
    clause: "G7.17",
    kind: "procedure",
    summary:
      "Apart from G7.16, the SSC conducts its meetings under the Panel's proceedings rules in Section C5.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.18",
    kind: "procedure",
    summary:
      "The SSC's remit is the duties and powers in G7.19–G7.23 plus whatever other parts of the Code give it.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.19",
    kind: "duty",
    summary:
      "The SSC owns the security documents: the Security Controls Framework (proportionate, consistent assessment methods for Users and the DCC), a yearly and change-driven review of the Security Risk Assessment, the Security Requirements, the End-to-End Security Architecture, the Risk Treatment Plan, the CPA Security Characteristics (with NCSC) and the device assurance and triage guidance.",
    bearers: ["ssc"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "current Security Controls Framework with version history",
      "minutes of the annual Security Risk Assessment review",
      "Risk Treatment Plan and Security Requirements revisions",
      "published device assurance and triage guidance",
    ],
    standards: ["ncsc-cpa"],
    since: firstVersion,
  },
  {
    clause: "G7.20",
    kind: "duty",
    summary:
      "The SSC reviews the security and assurance arrangements at least yearly, runs its G8/G9 assurance functions, agrees or renegotiates remediation plans from User and DCC assessment responses (asking for follow-ups where needed), advises the Panel on non-compliance and on the DCC build-and-test assurance, advises the Panel and the DCC on choosing and monitoring their assessors, keeps the CPA scheme under review, and informs the Authority on CPA non-compliance.",
    bearers: ["ssc"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: [
      "annual fitness-for-purpose review of the assurance arrangements",
      "decisions on remediation steps and timetables",
      "advice to the Panel on assessor appointment and performance",
    ],
    standards: ["ncsc-cpa"],
    since: firstVersion,
  },
  {
    clause: "G7.21",
    kind: "duty",
    summary:
      "The SSC helps the DCC and Users with incidents and vulnerabilities on request, reviews the notified Anomaly Detection Thresholds and tells the DCC what it thinks, supports the Panel on disputes and modifications, advises the Authority on licence changes, answers consultations, works with other committees and the Alt HAN Forum, and gives the Authority information it asks for on F2.7B referrals.",
    bearers: ["ssc"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "opinions sent to the DCC on Anomaly Detection Thresholds",
      "records of assistance given on incidents and vulnerabilities",
      "advice papers on draft and modification proposals",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G7.22",
    kind: "duty",
    summary:
      "The SSC sets up a process for the Code Administrator to watch change proposals and flag those touching security or the assurance arrangements, and the Code Administrator follows it.",
    bearers: ["ssc", "code-administrator"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: ["documented proposal-monitoring process", "log of proposals flagged to the SSC"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G7.23",
    kind: "permission",
    summary:
      "The SSC, and any single member if the SSC votes against, may raise Draft Proposals on the security and assurance arrangements.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.24",
    kind: "permission",
    summary: "The SSC may put a representative on any Working Group.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G7.25",
    kind: "procedure",
    summary:
      "The SSC and its members may make written representations on a Modification Proposal, and the Code Administrator reproduces them with a summary of their supporting evidence in the Modification Report.",
    actors: ["ssc", "code-administrator"],
    since: firstVersion,
  },
];
