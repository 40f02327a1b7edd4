import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/** Section G4: personnel (organisational) security of Users and of the DCC. */
export const g4: readonly CatalogueEntry[] = [
  {
    clause: "G4.1",
    kind: "duty",
    summary:
      "Every member of User Personnel with access to Data on User Systems holds clearance fitting their role " +
      "and the Data they may see, checked again every year.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "organisational",
    evidence: ["clearance register per person and role", "records of the annual clearance review"],
    standards: [],
  },
  {
    clause: "G4.2",
    kind: "interpretation",
    summary:
      "G4.3 covers User Personnel whose authorised work touches User Systems and could Compromise DCC, User " +
      "or RDP systems or Devices in a way that changes how much energy reaches a consumer.",
    since: firstVersion,
    actors: ["user"],
    affects: ["G4.3"],
  },
  {
    clause: "G4.3",
    kind: "duty",
    summary:
      "Screen the G4.2 staff to BS 7858 (or its successor) when based in the UK; abroad, to BS 7858 or a " +
      "comparable local national standard.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "list of staff in scope of G4.2",
      "BS 7858 screening records",
      "basis for any overseas equivalent",
    ],
    standards: ["bs-7858"],
  },
  {
    clause: "G4.4",
    kind: "duty",
    summary:
      "Every member of DCC Personnel with access to Data on the DCC Total System holds clearance fitting their " +
      "role and that Data, reviewed each year.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "organisational",
    evidence: ["clearance register for DCC Personnel", "annual review records"],
    standards: [],
  },
  {
    clause: "G4.5",
    kind: "interpretation",
    summary:
      "G4.6 covers DCC Personnel whose authorised work touches the DCC Total System and could Compromise it, " +
      "any User or RDP Systems, or any Device.",
    since: firstVersion,
    actors: ["dcc"],
    affects: ["G4.6"],
  },
  {
    clause: "G4.6",
    kind: "duty",
    summary:
      "Screen the G4.5 staff to BS 7858 (or its successor) when in the UK; elsewhere, to BS 7858 or a " +
      "comparable national standard where they are.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "list of DCC staff in scope of G4.5",
      "BS 7858 screening records",
      "overseas equivalence rationale",
    ],
    standards: ["bs-7858"],
  },
  {
    clause: "G4.7",
    kind: "duty",
    summary:
      "No Privileged Person in DCC Personnel gets access to Data on the DCC Total System before passing a Security Check.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: ["list of Privileged Persons", "Security Check clearance dates against first access dates"],
    standards: ["hmg-security-check"],
  },
  {
    clause: "G4.8",
    kind: "duty",
    summary:
      "Where two DCC Systems must be Separated, nobody is privileged on both, or anyone who is gets extra " +
      "controls so they cannot become a route to materially Compromise the DCC Live Systems.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "privileged access matrix across separated systems",
      "compensating controls for dual-privileged staff",
    ],
    standards: [],
  },
];
