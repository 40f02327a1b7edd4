import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/**
 * Section G10: Shared Resources. A Shared Resource Provider stands in the shoes of a User for most of
 * Section G (G10.5) while its Users stay answerable alongside it (G10.6), and the results of its
 * assessments flow on to the Users it serves (G10.8).
 */
export const g10: readonly CatalogueEntry[] = [
  {
    clause: "G10.1",
    kind: "definition",
    summary: "Shared Resources: resources that belong to the User Systems of two or more Users at once.",
    since: firstVersion,
  },
  {
    clause: "G10.2",
    kind: "definition",
    summary:
      "Shared Resource Provider: a Party that, by agreement or arrangement with each User, makes Shared Resources available for one or more Users.",
    actors: ["shared-resource-provider"],
    since: firstVersion,
  },
  {
    clause: "G10.3",
    kind: "duty",
    summary:
      "A User must not run its whole User Systems on Shared Resources supplied by a single other person unless that person is a Shared Resource Provider.",
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "inventory of User Systems showing which parts are shared",
      "agreement with the Shared Resource Provider where all systems are shared",
    ],
    standards: [],
    conditions: ["shared-resources-used"],
    since: firstVersion,
  },
  {
    clause: "G10.4",
    kind: "duty",
    summary:
      "A Shared Resource Provider keeps an always-current list of the Users it serves and sends the SSC the list and every change so the SSC's copy is never out of date.",
    bearers: ["shared-resource-provider"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: ["register of served Users with change history", "dated submissions of the list to the SSC"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G10.5",
    kind: "interpretation",
    summary:
      "In G1–G5 and G7–G9 a Shared Resource Provider is treated as a User in a role of its own: User duties bind it (subject to G10.6), and its User Systems are the Shared Resources it provides.",
    affects: ["G1", "G2", "G3", "G4", "G5", "G7", "G8", "G9"],
    since: firstVersion,
  },
  {
    clause: "G10.6",
    kind: "interpretation",
    summary:
      "Users keep their own duties: a User whose systems a provider supplies is jointly and severally liable with it for failures about those resources, with G5.28 splitting their ISMS duties and G8.61–G8.63 governing the provider's assessments and how they carry over.",
    affects: ["G10.5", "G5.28", "G8.61", "G8.62", "G8.63"],
    since: firstVersion,
  },
  {
    clause: "G10.7",
    kind: "interpretation",
    summary:
      "G10.8 applies after any assessment of a Shared Resource Provider, for the benefit of each User it serves at that moment (a Shared Resource User).",
    affects: ["G10.8"],
    since: firstVersion,
  },
  {
    clause: "G10.8",
    kind: "duty",
    summary:
      "Every Shared Resource User receives the assessment report (from the assessor), the provider's response and later progress reports (from the provider), and notice of the remediation steps the SSC accepted or agreed (from the SSC).",
    bearers: ["user-independent-assurance-provider", "shared-resource-provider", "ssc"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: [
      "distribution list of Shared Resource Users at the assessment date",
      "dated copies of report, response and progress reports sent to each",
      "SSC notices of accepted or agreed steps",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G10.9",
    kind: "interpretation",
    summary:
      "Terms in G1–G5, G7–G9 or Section A that are defined by reference to a User or User Systems extend to a Shared Resource Provider and the Shared Resources it provides.",
    affects: ["G1", "G2", "G3", "G4", "G5", "G7", "G8", "G9"],
    since: firstVersion,
  },
];
