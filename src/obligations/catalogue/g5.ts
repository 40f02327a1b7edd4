import type { CatalogueEntry, DutyEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/** The common shape of the DCC ISMS content requirements (G5.4–G5.13). */
function dccIsms(
  clause: string,
  summary: string,
  evidence: readonly string[],
  standards: readonly string[] = [],
): DutyEntry {
  return {
    clause,
    kind: "duty",
    summary,
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "information",
    evidence,
    standards,
  };
}

/** The common shape of the User ISMS content requirements (G5.19–G5.24). */
function userIsms(
  clause: string,
  summary: string,
  evidence: readonly string[],
  standards: readonly string[] = [],
): DutyEntry {
  return {
    clause,
    kind: "duty",
    summary,
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence,
    standards,
  };
}

/** Section G5 applies to a User when it shares resources in a way that spreads risk (G5.25). */
const sharing = ["shared-resources-used", "shared-resources-capable-of-compromise"] as const;

/** Section G5: information security management of the DCC and of Users, and Shared Resources. */
export const g5: readonly CatalogueEntry[] = [
  {
    clause: "G5.1",
    kind: "duty",
    summary:
      "Run an information risk management process for Compromise of the DCC Total System that follows ISO/IEC 27005.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: [
      "risk management methodology mapped to ISO/IEC 27005",
      "current risk register",
      "risk treatment plans",
    ],
    standards: ["iso-27005"],
  },
  {
    clause: "G5.2",
    kind: "duty",
    summary:
      "Review that risk process every year, whenever the DCC Total System changes materially, and after any " +
      "Major Security Incident affecting it.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "information",
    evidence: ["dated risk process assessments", "change-triggered reassessments", "post-incident reviews"],
    standards: [],
  },
  {
    clause: "G5.3",
    kind: "duty",
    summary:
      "While its licence demands ISO 27001 certification, keep and follow a DCC ISMS that delivers G2 and G4, " +
      "meets G5.4–G5.13, scales controls to impact, and is reviewed at least yearly.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["ISO/IEC 27001 certificate and scope", "ISMS policy set", "annual ISMS review minutes"],
    standards: ["iso-27001"],
  },
  dccIsms(
    "G5.4",
    "The DCC ISMS has a security policy covering risks to Data held or carried by the DCC Total System and an Information Classification Scheme for it.",
    ["information security policy", "information classification scheme"],
  ),
  dccIsms(
    "G5.5",
    "The DCC ISMS sets out the DCC's approach to information, personnel and physical security, with planned reviews, and requires equivalent measures from DCC Service Providers.",
    ["security approach documents", "service provider security requirements and oversight"],
  ),
  dccIsms(
    "G5.6",
    "The DCC ISMS keeps a register of the physical and information assets the Authorised Business relies on, each with a named owner.",
    ["asset register with owners", "asset review records"],
  ),
  dccIsms(
    "G5.7",
    "The DCC ISMS includes procedures meeting the Telecommunications (Security) Act 2021 regime for telecoms security, or its successor.",
    ["telecoms security procedures", "mapping to the 2021 Act's requirements"],
    ["tsa-2021"],
  ),
  dccIsms(
    "G5.8",
    "The DCC ISMS includes network security procedures meeting ISO/IEC 27033 parts 1 to 3 (or their successors).",
    ["network security procedures", "mapping to ISO/IEC 27033-1, -2 and -3"],
    ["iso-27033-1", "iso-27033-2", "iso-27033-3"],
  ),
  dccIsms(
    "G5.9",
    "The DCC ISMS has an access control policy: need-to-know access, identity assurance and clearance levels, granting and revoking access, clearance procedures, and no single person able to materially Compromise the system.",
    ["access control policy", "joiner-mover-leaver records", "separation of duties design"],
  ),
  dccIsms(
    "G5.10",
    "The DCC ISMS includes security incident management procedures meeting ISO/IEC 27035 (or its successor).",
    ["incident management procedure", "mapping to ISO/IEC 27035"],
    ["iso-27035"],
  ),
  dccIsms(
    "G5.11",
    "Those incident procedures assign roles to DCC Personnel, say how incidents are monitored, classified, reported and handled, plan communications, and use recovery systems for serious incidents.",
    ["incident roles and responsibilities", "incident communications plan", "recovery arrangements"],
  ),
  dccIsms(
    "G5.12",
    "The DCC ISMS includes business continuity procedures meeting ISO 22301, ISO/IEC 27031 and the BCI Good Practice Guidelines (or their successors).",
    ["business continuity plans", "continuity test results", "mapping to ISO 22301 and ISO/IEC 27031"],
    ["iso-22301", "iso-27031", "bci-gpg"],
  ),
  dccIsms(
    "G5.13",
    "The DCC ISMS covers Secret Key Material across its life: how it is registered, ordered, generated, labelled, distributed, installed, superseded and renewed, and its verifiable destruction.",
    ["key management procedures", "key lifecycle records", "destruction certificates"],
  ),
  {
    clause: "G5.14",
    kind: "duty",
    summary:
      "Run an information risk management process for Compromise of its User Systems, the security tooling " +
      "that protects them, whatever it relies on to make or handle DCC messages, the metering systems it " +
      "supplies, and its links to the DCC.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["risk management scope statement", "risk register", "risk treatment plans"],
    standards: [],
  },
  {
    clause: "G5.15",
    kind: "duty",
    summary: "That User risk process follows ISO/IEC 27005 (or its successor).",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["methodology mapped to ISO/IEC 27005", "risk assessment records following it"],
    standards: ["iso-27005"],
  },
  {
    clause: "G5.16",
    kind: "duty",
    summary:
      "Reassess the User risk process every year, whenever anything in its G5.14 scope changes materially, " +
      "and after any Major Security Incident in its User Systems.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "information",
    evidence: ["dated risk process assessments", "change-triggered reassessments", "post-incident reviews"],
    standards: [],
  },
  {
    clause: "G5.17",
    kind: "duty",
    summary:
      "Protect its information assets, processes and User Systems to ISO/IEC 27001 (or its successor).",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["ISO/IEC 27001 certificate or statement of applicability", "internal audit reports"],
    standards: ["iso-27001"],
  },
  {
    clause: "G5.18",
    kind: "duty",
    summary:
      "Keep and follow a User ISMS built to deliver its G3 and G4 duties, conform to G5.17, meet G5.19–G5.24 " +
      "and scale controls to impact; review it at least once a year.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["ISMS policy set", "mapping of ISMS to G3, G4 and G5.19–G5.24", "annual ISMS review record"],
    standards: ["iso-27001"],
  },
  userIsms(
    "G5.19",
    "The User ISMS has a security policy covering risks to Data on User Systems, an Information Classification Scheme, business continuity, and security education and awareness for User Personnel.",
    ["information security policy", "classification scheme", "training records"],
  ),
  userIsms(
    "G5.20",
    "The User ISMS sets out its approach to information, personnel and physical security, with planned reviews, and requires equivalent measures from service providers it relies on for Code duties.",
    ["security approach documents", "supplier security clauses and reviews"],
  ),
  userIsms(
    "G5.21",
    "The User ISMS keeps a register of the physical and information assets it relies on to meet the Code.",
    ["asset register", "asset review records"],
  ),
  userIsms(
    "G5.22",
    "The User ISMS has an access control policy: need-to-know access to Data, granting and revoking access, and no single person able to materially Compromise the User Systems.",
    ["access control policy", "access review records", "separation of duties design"],
  ),
  userIsms(
    "G5.23",
    "The User ISMS includes security incident management procedures meeting ISO/IEC 27035 (or its successor).",
    ["incident management procedure", "mapping to ISO/IEC 27035"],
    ["iso-27035"],
  ),
  userIsms(
    "G5.24",
    "The User ISMS covers its Secret Key Material across the whole lifecycle, including verifiable destruction.",
    ["key management procedures", "key lifecycle records", "destruction certificates"],
  ),
  {
    clause: "G5.25",
    kind: "interpretation",
    summary:
      "G5.26–G5.28 bind a User whose User Systems include Shared Resources through which one User's systems " +
      "could Compromise another's, or which widen the reach or harm of a Compromise.",
    since: firstVersion,
    actors: ["user"],
    affects: ["G5.26", "G5.27", "G5.28"],
  },
  {
    clause: "G5.26",
    kind: "duty",
    summary:
      "On starting to use Shared Resources, tell the SSC as soon as reasonably practicable, naming the Shared " +
      "Resource Provider and what it provides when one is involved.",
    since: firstVersion,
    bearers: ["user"],
    conditions: [...sharing],
    trigger: { kind: "event", event: "other" },
    area: "information",
    evidence: ["notification to the SSC", "Shared Resource Provider contact and service description"],
    standards: [],
    paragraphs: [
      { id: "G5.26(a)", summary: "Notify the SSC soon after first using Shared Resources." },
      {
        id: "G5.26(b)",
        summary: "Include the provider's details and services in the notice.",
        conditions: ["shared-resources-via-provider"],
      },
    ],
  },
  {
    clause: "G5.27",
    kind: "duty",
    summary:
      "A User allowed to send Critical Service Requests tells the SSC how many Smart Metering Systems its " +
      "User Systems can send them to, first on starting to use Shared Resources and then every six months.",
    since: firstVersion,
    bearers: ["user"],
    conditions: [...sharing, "critical-service-requests"],
    trigger: { kind: "periodic", every: "P6M" },
    area: "information",
    evidence: ["six-monthly counts sent to the SSC", "method for counting reachable Smart Metering Systems"],
    standards: [],
  },
  {
    clause: "G5.28",
    kind: "duty",
    summary:
      "With Shared Resources, the User ISMS scales controls to the impact on every User sharing them; when a " +
      "Shared Resource Provider is involved it does the same in its own ISMS, and both keep their ISMSs " +
      "compatible across G5.19–G5.24.",
    since: firstVersion,
    bearers: ["user"],
    conditions: [...sharing],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["risk assessment covering all sharing Users", "ISMS compatibility review with the provider"],
    standards: [],
    paragraphs: [
      {
        id: "G5.28(a)",
        summary: "Controls proportionate to the impact on every User employing the Shared Resources.",
      },
      {
        id: "G5.28(b)",
        summary: "Provider and User each apply (a) and keep their ISMSs compatible.",
        conditions: ["shared-resources-via-provider"],
      },
    ],
  },
];
