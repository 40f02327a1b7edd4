/**
 * The rule checks over a party's registers, as pure functions: the register records and a date in,
 * the deviations to record (in the findings register's terms) and the clauses the check judges out.
 * Each finding's fingerprint is its subject and clause, so the same breach seen by a later run is
 * the same finding, and one no longer seen is rectified.
 */
import { checkModuleRegister, type ModuleRegister } from "../../controls/crypto/index.js";
import type { CryptoOperation } from "../../controls/crypto/operation.js";
import { checkPeople, type Severity } from "../../controls/people/index.js";
import type { RosterOwner } from "../../controls/people/roster.js";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import { type FindingInput, fingerprintOf } from "../controls/findings.js";
import type { FindingSeverity } from "../controls/tables.js";
import type { KeyRecord, ModuleRecord, PersonRecord } from "../registers/index.js";
import { personOf } from "../registers/people.js";

export const checkNames = ["people", "crypto-modules"] as const;
export type CheckName = (typeof checkNames)[number];

export type Evaluation = {
  /** Clause ids the check judges for this owner, before narrowing to what binds the party. */
  readonly obligations: readonly string[];
  readonly findings: readonly FindingInput[];
  /** The one kind of deviation the check looks for, always in full (the registers are complete input). */
  readonly kind: string;
};

/*
 * The registers hold no policy periods. With no cooling-off period the independence rules find
 * engagements on both sides that overlap (G2.24(b), G3.13(b) at their least), never a gap the party
 * may have judged long enough; G2.22B(c)'s gap is the Code's 24 months.
 */
const registerPolicy = { coolingOffDays: 0, sscApprovedDevGapMonths: 24 };

const peopleClauses: Readonly<Record<RosterOwner, readonly string[]>> = {
  user: ["G3.12", "G3.13", "G4.1", "G4.2", "G4.3"],
  dcc: ["G2.22B", "G2.23", "G2.24", "G4.4", "G4.5", "G4.6", "G4.7", "G4.8"],
};

// A warning (a review scheduled after the annual deadline) is not yet a breach.
const severityOf: Readonly<Record<Severity, FindingSeverity>> = { error: "high", warning: "medium" };

export function evaluatePeople(
  owner: RosterOwner,
  records: readonly PersonRecord[],
  on: IsoDate,
): Evaluation {
  const kind = "people-rule";
  const roster = { owner, policy: registerPolicy, people: records.map(personOf) };
  return {
    obligations: peopleClauses[owner],
    kind,
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
    kind,
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
