import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

const G2_TO_G9 = ["G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9"];

/** The provisions G1.13 lists, by topic: testing and deletion, screening, audit logs, ISMS procedures. */
const relaxedForSmets1Csp = ["G2.13", "G2.18", "G4.6", "G2.26", "G2.27", "G5.7", "G5.8", "G5.10"];

/** Section G1: how the rest of Section G is read — standards, User Roles, disputes, SMETS1, CSS. */
export const g1: readonly CatalogueEntry[] = [
  {
    clause: "G1.1",
    kind: "interpretation",
    summary: "Parts G2 to G9 are to be read subject to the rules that follow in G1.",
    since: firstVersion,
    affects: G2_TO_G9,
  },
  {
    clause: "G1.2",
    kind: "interpretation",
    summary:
      "G1.3 is engaged when a duty in G2–G9 makes the DCC or a User follow an outside standard (or its " +
      "successors) and the body behind that standard publishes a new or replacement edition.",
    since: firstVersion,
    affects: ["G1.3"],
  },
  {
    clause: "G1.3",
    kind: "interpretation",
    summary:
      "Once a standard is superseded, the duty points to the new edition from a date the Panel fixes on " +
      "the SSC's advice; until that date the party may follow either the old or the new edition.",
    since: firstVersion,
    affects: [
      "G2.18",
      "G2.27",
      "G2.44",
      "G4.3",
      "G4.6",
      "G5.1",
      "G5.7",
      "G5.8",
      "G5.10",
      "G5.12",
      "G5.15",
      "G5.17",
      "G5.23",
    ],
  },
  {
    clause: "G1.4",
    kind: "permission",
    summary:
      "The DCC or any User can appeal the Panel's switch-over date to the Authority, whose ruling is final.",
    since: firstVersion,
    actors: ["dcc", "user"],
    affects: ["G1.3"],
  },
  {
    clause: "G1.5",
    kind: "interpretation",
    summary: "A User acting in several User Roles owes each User duty once per role, role by role.",
    since: firstVersion,
    actors: ["user"],
    affects: G2_TO_G9,
  },
  {
    clause: "G1.6",
    kind: "interpretation",
    summary:
      "When a Network Party is deemed to have nominated itself as Registration Data Provider, that RDP " +
      "capacity counts as one more User Role for G1.5.",
    since: firstVersion,
    actors: ["network-party"],
    affects: ["G1.5"],
  },
  {
    clause: "G1.7",
    kind: "relief",
    summary:
      "In the Export Supplier and Registered Supplier Agent roles a User owes only G3.2–G3.3, G3.8–G3.9, " +
      "G5.14–G5.18, G5.25–G5.26 and all of G6; there G5.18(b)(i) covers just G3.2–G3.3 and G3.8–G3.9, " +
      "and G5.18(b)(iii) just G5.19(d).",
    since: firstVersion,
    actors: ["user"],
    affects: ["G3", "G4", "G5", "G8", "G5.18(b)(i)", "G5.18(b)(iii)"],
  },
  {
    clause: "G1.8",
    kind: "permission",
    summary:
      "If a Party and a User disagree over whether the User met its G3–G6 duties, either may ask the " +
      "Panel to decide, and then take the Panel's answer to the Authority under M7.",
    since: firstVersion,
    actors: ["party", "user"],
  },
  {
    clause: "G1.9",
    kind: "interpretation",
    summary:
      "The G1.8 route leaves M8.2 default notices untouched and covers only the compliance question " +
      "itself, not other disputes that flow from it.",
    since: firstVersion,
    affects: ["G1.8"],
  },
  {
    clause: "G1.10",
    kind: "interpretation",
    summary:
      "Across G2–G9, SMETS1 metering systems and devices count only when enrolled with the DCC; " +
      "un-enrolled SMETS1 kit is out of scope.",
    since: firstVersion,
    affects: G2_TO_G9,
  },
  {
    clause: "G1.11",
    kind: "definition",
    summary:
      "Names the 'SMETS1 CSP System': the parts of the DCC Total System that DCC Service Providers run to " +
      "serve SMETS1 Devices, leaving out pure SMETS1 Service Provider or DCO systems that do not also serve " +
      "SMETS2+ Devices.",
    since: firstVersion,
    actors: ["dcc"],
  },
  {
    clause: "G1.12",
    kind: "permission",
    summary:
      "For the SMETS1 CSP System the DCC may meet the provisions listed in G1.13 either with the standard " +
      "they name or with an alternative reflecting Good Industry Practice that the DCC's independent " +
      "assurance provider can verify under G9.",
    since: firstVersion,
    actors: ["dcc"],
    affects: relaxedForSmets1Csp,
  },
  {
    clause: "G1.13",
    kind: "interpretation",
    summary:
      "Names the eight provisions G1.12 relaxes: DCC penetration testing and secure deletion in G2, its two " +
      "audit log duties, the screening of DCC staff in G4.6, and the telecoms, network and incident procedures " +
      "of the DCC ISMS.",
    since: firstVersion,
    affects: ["G1.12"],
  },
  {
    clause: "G1.14",
    kind: "interpretation",
    summary: "Security of the CSS Provider Systems is governed by Section E2.18, not by Section G.",
    since: firstVersion,
    affects: ["E2.18"],
  },
  {
    clause: "G1.15",
    kind: "interpretation",
    summary:
      "In G2–G9 the DCC Total System (except for G2.20(a)) and the DCC Systems are read without the CSS " +
      "Provider Systems.",
    since: firstVersion,
    affects: G2_TO_G9,
  },
];
