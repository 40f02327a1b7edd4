import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/** Section G6: Anomaly Detection Thresholds set by Users and by the DCC. */
export const g6: readonly CatalogueEntry[] = [
  {
    clause: "G6.1",
    kind: "definition",
    summary:
      "Defines the Threshold Anomaly Detection Procedures, the subsidiary document for exchanging thresholds " +
      "and quarantine decisions securely between Users and the DCC, which may also guide threshold setting and " +
      "what happens when one is exceeded (out-of-range SMETS1 values are deleted).",
    since: firstVersion,
    actors: ["dcc", "user"],
  },
  {
    clause: "G6.2",
    kind: "duty",
    summary: "Follow whatever the Threshold Anomaly Detection Procedures require of the User.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "procedures for threshold notification and quarantine responses",
      "records of quarantine decisions",
    ],
    standards: [],
  },
  {
    clause: "G6.3",
    kind: "duty",
    summary:
      "For each User ID used in a role that makes it an Eligible User for DCC services, set thresholds per " +
      "Service Reference Variant on critical commands (SMETS1 critical requests included) and on requests " +
      "whose SMETS2+ responses would carry encrypted Data; other thresholds are optional.",
    since: firstVersion,
    bearers: ["user"],
    conditions: ["user-ids"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "threshold table per User ID and Service Reference Variant",
      "coverage check against eligible services",
    ],
    standards: [],
  },
  {
    clause: "G6.4",
    kind: "duty",
    summary:
      "Pitch each G6.3 threshold so it actually reveals Compromise of its User Systems, weigh the DCC's " +
      "guidance first, and tell the DCC the value once set.",
    since: firstVersion,
    bearers: ["user"],
    conditions: ["user-ids"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "threshold-setting rationale",
      "DCC guidance considered",
      "notifications of thresholds to the DCC",
    ],
    standards: [],
  },
  {
    clause: "G6.4A",
    kind: "duty",
    summary:
      "A User that became eligible in a role without passing testing for a Critical Service Request that role " +
      "can send must hold a zero threshold for that request.",
    since: firstVersion,
    bearers: ["user"],
    conditions: ["untested-critical-service-requests"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["list of untested Critical Service Requests per role", "zero thresholds notified to the DCC"],
    standards: [],
  },
  {
    clause: "G6.5",
    kind: "duty",
    summary: "Follow whatever the Threshold Anomaly Detection Procedures require of the DCC.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "operational procedures for threshold handling",
      "quarantine and deletion notifications to Users",
    ],
    standards: [],
  },
  {
    clause: "G6.6",
    kind: "duty",
    summary:
      "Set thresholds per Service Reference Variant on critical commands and on requests whose SMETS2+ " +
      "responses would be encrypted, on SSC-agreed data values in Signed Pre-Commands and SMETS1 requests, and " +
      "on critical commands outside the Services Schedule; others are optional.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "DCC threshold table",
      "SSC agreement of data-value limits",
      "coverage of non-schedule critical commands",
    ],
    standards: [],
  },
  {
    clause: "G6.6A",
    kind: "duty",
    summary:
      "From the ECoS Service Live Date at the latest, apply an amended threshold to part of the DCC Live " +
      "Systems only after its notification passes Check Cryptographic Protection and is shown not to be a replay.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["design of threshold update verification", "logs of rejected replayed or unsigned updates"],
    standards: [],
  },
  {
    clause: "G6.7",
    kind: "duty",
    summary:
      "Pitch each G6.6 threshold so it reveals Compromise of the DCC Total System or of User Systems, having " +
      "first consulted the SSC and weighed its view.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["threshold rationale", "SSC consultation records"],
    standards: [],
  },
  {
    clause: "G6.8",
    kind: "duty",
    summary: "Tell the SSC of every threshold the DCC sets and of every threshold a User notifies to it.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "event", event: "other" },
    area: "system",
    evidence: ["threshold notifications sent to the SSC", "register of DCC and User thresholds"],
    standards: [],
  },
  {
    clause: "G6.9",
    kind: "duty",
    summary:
      "When a User consults it on a proposed threshold, give an opinion on the level aimed at the threshold " +
      "catching Compromise of that User's systems.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "event", event: "request" },
    area: "system",
    evidence: ["records of User consultations", "opinions given with their reasoning"],
    standards: [],
  },
  {
    clause: "G6.10",
    kind: "duty",
    summary:
      "Keep every threshold it sets under review so it still detects Compromise, heed the SSC's views on it, " +
      "and replace it when it no longer fits.",
    since: firstVersion,
    bearers: ["dcc", "user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["threshold review log", "SSC opinions and responses", "threshold change history"],
    standards: [],
  },
];
