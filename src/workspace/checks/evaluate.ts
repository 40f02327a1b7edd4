/**
 * The rule checks over a party's registers, as pure functions: the register records and a date in,
 * the deviations to record (in the findings register's terms) and the clauses the check judges out.
 * Each finding's fingerprint is its subject and clause, so the same breach seen by a later run is
 * the same finding, and one no longer seen is rectified.
 */
import {
  type Candidate,
  detectAnomalies,
  type FeedEvent,
  type RuleSet,
} from "../../controls/anomalies/index.js";
import type { Numbered } from "../../controls/anomalies/json-lines.js";
import { formatUtc } from "../../controls/anomalies/utc-time.js";
import { checkModuleRegister, type ModuleRegister } from "../../controls/crypto/index.js";
import type { CryptoOperation } from "../../controls/crypto/operation.js";
import {
  checkKeyUse,
  checkOrganisationCertificates,
  type KeyFindingKind,
  type SigningEvent,
} from "../../controls/keys/index.js";
import { checkPeople, type Severity } from "../../controls/people/index.js";
import type { RosterOwner, Policy as RosterPolicy } from "../../controls/people/roster.js";
import { addDays, type IsoDate } from "../../obligations/calendar/iso-date.js";
import type { Deadline } from "../../obligations/deadlines/deadlines.js";
import type { JsonValue } from "../audit.js";
import { type FindingInput, fingerprintOf } from "../controls/findings.js";
import type { FindingSeverity } from "../controls/tables.js";
import type { PartyDeadlineInput, Waiver } from "../party-deadlines.js";
import type { QuarantinedRequest } from "../quarantine.js";
import type { IncidentRecord, KeyRecord, ModuleRecord, PersonRecord } from "../registers/index.js";
import { certificateOf } from "../registers/keys.js";
import { personOf } from "../registers/people.js";

export const checkNames = [
  "people",
  "crypto-modules",
  "keys",
  "certificates",
  "anomalies",
  "incidents",
] as const;
export type CheckName = (typeof checkNames)[number];

export type Evaluation = {
  /** Clause ids the check judges for this owner, before narrowing to what binds the party. */
  readonly obligations: readonly string[];
  readonly findings: readonly FindingInput[];
  /**
   * The kinds of deviation the check looked for in full (the registers are complete input): a live
   * finding of one of them that the run no longer sees is rectified. Findings about supplied events
   * are history, never covered, so a later run over other events does not rectify them.
   */
  readonly covers: readonly string[];
  /** What the run records beside its findings (what it read, what it classified). */
  readonly details: { readonly [key: string]: JsonValue };
  /** Incidents the check opens in the incidents register, when not already there. */
  readonly incidents?: readonly IncidentRecord[];
};

const peopleClauses: Readonly<Record<RosterOwner, readonly string[]>> = {
  user: ["G3.12", "G3.13", "G4.1", "G4.2", "G4.3"],
  dcc: ["G2.22B", "G2.23", "G2.24", "G4.4", "G4.5", "G4.6", "G4.7", "G4.8"],
};

// A warning (a review scheduled after the annual deadline) is not yet a breach.
const severityOf: Readonly<Record<Severity, FindingSeverity>> = { error: "high", warning: "medium" };

/** The people check's periods: the party's own (G2.24(b), G3.13(b), G2.22B(c)) or the defaults. */
export function evaluatePeople(
  owner: RosterOwner,
  records: readonly PersonRecord[],
  on: IsoDate,
  policy: RosterPolicy,
): Evaluation {
  const kind = "people-rule";
  const roster = { owner, policy, people: records.map(personOf) };
  return {
    obligations: peopleClauses[owner],
    covers: [kind],
    details: { people: records.length },
    findings: checkPeople(roster, on).map((f) => ({
      kind,
      fingerprint: fingerprintOf([kind, f.person, f.clause]),
      obligations: [f.clause],
      severity: severityOf[f.severity],
      title: `${f.clause}: ${f.person}`,
      detail: f.detail,
    })),
  };
}

/**
 * The keys register records what each key signs, not full operations: a key permitted to sign
 * Commands for SMETS2+ Devices is a Private Key used for that (G2.44(f) for the DCC; a User's
 * modules fall under G3.22). A key naming a module the register lacks has no validation to show.
 */
export function evaluateModules(
  owner: RosterOwner,
  moduleRecords: readonly ModuleRecord[],
  keyRecords: readonly KeyRecord[],
): Evaluation {
  const kind = "module-level";
  const known = new Set(moduleRecords.map((m) => m.id));
  const missing = [
    ...new Set(keyRecords.flatMap((k) => (k.module === undefined || known.has(k.module) ? [] : [k.module]))),
  ];
  const signing: CryptoOperation = {
    by: owner,
    activity: "use",
    purpose: "command-signature",
    key: "private",
    target: "smets2",
  };
  const register: ModuleRegister = {
    modules: [
      ...moduleRecords.map((m) => ({
        id: m.id,
        ...(m.fips140Level === undefined ? {} : { fips140Level: m.fips140Level }),
        ...(m.certificate === undefined ? {} : { certificate: m.certificate }),
      })),
      ...missing.map((id) => ({ id })),
    ],
    keys: keyRecords.flatMap((k) =>
      k.module !== undefined && k.purposes.includes("command-signature")
        ? [{ id: k.id, module: k.module, operations: [signing] }]
        : [],
    ),
  };
  return {
    obligations: ["G2.44"],
    covers: [kind],
    details: { keys: keyRecords.length, modules: moduleRecords.length },
    findings: checkModuleRegister(register).map((f) => ({
      kind,
      fingerprint: fingerprintOf([kind, f.key, f.module, f.clause]),
      obligations: [...f.clauses],
      severity: "high",
      title: `${f.clause}: key ${f.key} in module ${f.module}`,
      detail: f.detail,
    })),
  };
}

const keyClauses: Readonly<Record<RosterOwner, readonly string[]>> = {
  dcc: ["G2.56", "G2.60", "G2.61"],
  user: ["G3.29"],
};

// Signing for a purpose the Code allows but the holder did not declare breaks the holder's own
// confinement rather than the Code's list.
const keySeverity: Readonly<Record<KeyFindingKind, FindingSeverity>> = {
  "purpose-not-permitted": "high",
  "purpose-not-declared": "medium",
  "unknown-key": "high",
  "retired-key": "high",
  "register-purpose-not-permitted": "high",
};

/**
 * The keys register against the purposes the Code allows each kind of key (G2.56, G2.60–G2.61,
 * G3.29), and the signing events supplied against both. A key's `expires` day is its last: a
 * signature from the next day on (UTC) is made with a retired key. What the register permits is
 * judged in full every run; findings about signatures stay until someone decides them.
 */
export function evaluateKeys(
  owner: RosterOwner,
  records: readonly KeyRecord[],
  events: readonly Numbered<SigningEvent>[],
): Evaluation {
  const registerKind = "key-register";
  const useKind = "key-use";
  const register = {
    owner,
    keys: records.map((k) => ({
      id: k.id,
      kind: k.kind,
      purposes: k.purposes,
      ...(k.expires === undefined ? {} : { retiredAt: Date.parse(`${addDays(k.expires, 1)}T00:00:00Z`) }),
    })),
  };
  return {
    obligations: keyClauses[owner],
    covers: [registerKind],
    details: { keys: records.length, events: events.length },
    findings: checkKeyUse(register, events).map((f) => {
      const kind = f.line === null ? registerKind : useKind;
      return {
        kind,
        fingerprint: fingerprintOf([kind, f.kind, f.keyId, f.detail]),
        obligations: [f.clause],
        severity: keySeverity[f.kind],
        title: `${f.clause}: ${f.kind} with key ${f.keyId}`,
        detail: f.line === null ? f.detail : `${f.detail} (event ${f.line})`,
      };
    }),
  };
}

/** Code of an incident-log event made from a register incident, for rules to match. */
export function incidentLogCode(incident: Pick<IncidentRecord, "major">): string {
  return incident.major ? "major-security-incident" : "security-incident";
}

/** Ids of the incidents the anomaly check opens start so; they are not fed back as incident-log events. */
export const anomalyIncidentPrefix = "anomaly-";

/**
 * The anomaly rules of the party's policy over the events gathered (supplied feeds and the
 * workspace's own records): each burst is a finding against the detection clause and its response
 * duty, and an incident in the register for triage, its id made from the rule, group and first
 * event so a re-run finds the one it opened. `detected` is the run's time.
 */
export function evaluateAnomalies(rules: RuleSet, events: readonly FeedEvent[], detected: Date): Evaluation {
  const kind = "anomaly";
  const candidates = detectAnomalies(rules, events);
  const at = formatUtc(detected.getTime());
  const incidents: IncidentRecord[] = [];
  const findings = candidates.map((c): FindingInput => {
    const fingerprint = fingerprintOf([kind, c.rule, c.group ?? "", c.window?.from ?? "batch"]);
    const incident = anomalyIncident(c, `${anomalyIncidentPrefix}${fingerprint.slice(0, 16)}`, at);
    incidents.push(incident);
    return {
      kind,
      fingerprint,
      obligations: [c.clause, c.respond],
      severity: "medium",
      title: `${c.clause}: rule ${c.rule}${c.group === null ? "" : ` for ${c.group}`}`,
      detail: `${c.count} matching event(s)${c.window === null ? " in one batch" : ` from ${c.window.from} to ${c.window.to}`} (${c.events.slice(0, 5).join(", ")}${c.events.length > 5 ? ", …" : ""}); incident ${incident.id} opened for triage under ${c.respond}`,
    };
  });
  return {
    obligations: rules.party === "dcc" ? ["G2.29", "G2.30"] : ["G3.15", "G3.16"],
    covers: [],
    details: { rules: rules.rules.length, events: events.length, candidates: candidates.length },
    findings,
    incidents,
  };
}

function anomalyIncident(c: Candidate, id: string, detected: string): IncidentRecord {
  const from = c.window?.from;
  return {
    id,
    title: `Anomalous events: rule ${c.rule}${c.group === null ? "" : ` for ${c.group}`} (${c.count})`,
    ...(from !== undefined && from <= detected ? { occurred: from } : {}),
    detected,
    major: false,
    status: "open",
    vulnerabilities: [],
  };
}

const incidentClauses: Readonly<Record<RosterOwner, readonly string[]>> = {
  user: ["G3.4", "G3.5", "G3.7", "G3.8", "G3.9", "G3.17", "G3.18", "G5.16"],
  dcc: ["G2.10", "G2.11", "G2.13", "G2.14", "G2.31", "G5.2"],
};

const dutyOf = (d: Deadline) => ({
  clause: d.clause,
  due: d.due,
  status: d.status,
  ...(d.done === undefined ? {} : { done: d.done }),
});

/**
 * The duties the open incidents and material vulnerabilities set off, each with its due time, as the
 * stored party's deadlines date them (workspace/party-deadlines.ts): the ISMS steps (G3.4; G2.10),
 * the notice of a Major Security Incident (G3.5; G2.11), the assessments it calls for (G3.7(c),
 * G3.8(c), G5.16(c); G2.13(c), G2.14(c), G5.2(c)), and for a vulnerability the manufacturer notice
 * (G3.18(a); G2.31(a)) and the SSC's notice and the remedy (G3.9(b); G2.31(b)–(c)). A duty overdue
 * on `on` is a finding; the duties waived (G3.17(b), G3.19; G2.32) are listed in the details.
 */
export function evaluateIncidents(
  owner: RosterOwner,
  input: Pick<PartyDeadlineInput, "incidents" | "vulnerabilities">,
  judged: { readonly deadlines: readonly Deadline[]; readonly waived: readonly Waiver[] },
  on: IsoDate,
): Evaluation {
  const kind = "incident-duty";
  const subjects = new Set([...input.incidents, ...input.vulnerabilities].map((r) => r.id));
  const duties = judged.deadlines.filter((d) => subjects.has(d.subject));
  const findings: FindingInput[] = duties
    .filter((d) => d.status === "overdue")
    .map((d) => ({
      kind,
      fingerprint: fingerprintOf([kind, d.id]),
      obligations: [d.clause, ...d.alsoClauses],
      severity: "high",
      title: `${d.clause}: ${d.title}`,
      detail: `due ${d.due} (${d.basis}), and not recorded as done by ${on}`,
    }));
  const dutiesOf = (id: string) => duties.filter((d) => d.subject === id).map(dutyOf);
  return {
    obligations: incidentClauses[owner],
    covers: [kind],
    details: {
      incidents: input.incidents.map((i) => ({
        id: i.id,
        major: i.major,
        status: i.status,
        ...(i.unauthorisedEvent === undefined ? {} : { unauthorisedEvent: i.unauthorisedEvent }),
        vulnerabilities: [...i.vulnerabilities],
        duties: dutiesOf(i.id),
      })),
      vulnerabilities: input.vulnerabilities.map((v) => ({ id: v.id, duties: dutiesOf(v.id) })),
      waived: judged.waived.map((w) => ({ ...w })),
    },
    findings,
  };
}

/**
 * The Organisation Certificates the keys register records, against G2.57–G2.59. They bind only the
 * DCC: for a User the check reads the register and finds nothing. G2.58 needs the ECoS Service Live
 * Date; without it the subscription rule is neither judged nor its findings rectified.
 */
export function evaluateCertificates(
  owner: RosterOwner,
  records: readonly KeyRecord[],
  on: IsoDate,
  ecosServiceLiveDate: IsoDate | undefined,
): Evaluation {
  const certificates = records.flatMap((k) => {
    const cert = certificateOf(k);
    return cert === undefined ? [] : [cert];
  });
  const kindOf = (clause: string) => (clause === "G2.58" ? "certificate-subscription" : "certificate-key");
  const findings =
    owner === "dcc" ? checkOrganisationCertificates({ ecosServiceLiveDate, certificates }, on) : [];
  return {
    obligations: owner === "dcc" ? ["G2.57", "G2.58", "G2.59"] : [],
    covers: ecosServiceLiveDate === undefined ? [kindOf("G2.57")] : [kindOf("G2.57"), kindOf("G2.58")],
    details: {
      keys: records.length,
      certificates: certificates.length,
      ecosServiceLiveDate: ecosServiceLiveDate ?? null,
    },
    findings: findings.map((f) => {
      const kind = kindOf(f.clause);
      return {
        kind,
        fingerprint: fingerprintOf([kind, f.certificate, f.clause]),
        obligations: [f.clause],
        severity: severityOf[f.severity],
        title: `${f.clause}: Organisation Certificate of key ${f.certificate}`,
        detail: f.detail,
      };
    }),
  };
}

/**
 * The ADT quarantine as ADT outcomes (G2.29(a), G3.15(a)): each held request was quarantined when
 * held, and one its User deleted was deleted when decided. `userIds` keeps a User's own requests;
 * undefined (the DCC) keeps all.
 */
export function quarantineEvents(
  held: readonly QuarantinedRequest[],
  userIds: ReadonlySet<string> | undefined,
): FeedEvent[] {
  return held
    .filter((r) => userIds === undefined || userIds.has(r.userId))
    .flatMap((r): FeedEvent[] => {
      const at = `quarantine:${r.requestId}`;
      const common = { source: "adt", userId: r.userId, breach: r.breach } as const;
      return [
        { ...common, time: Date.parse(r.quarantinedAt), outcome: "quarantined", at },
        ...(r.status === "deleted" && r.decidedAt !== null
          ? [{ ...common, time: Date.parse(r.decidedAt), outcome: "deleted" as const, at: `${at} (deleted)` }]
          : []),
      ];
    });
}

/** The incidents register as the DCC's Incident Management Log (G2.29(d)), less what the anomaly check opened. */
export function incidentLogEvents(records: readonly IncidentRecord[]): FeedEvent[] {
  return records
    .filter((i) => !i.id.startsWith(anomalyIncidentPrefix))
    .map((i) => ({
      source: "incident-log",
      time: Date.parse(i.detected),
      code: incidentLogCode(i),
      at: `incidents:${i.id}`,
    }));
}
