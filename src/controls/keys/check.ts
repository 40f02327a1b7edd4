import type { Numbered } from "../anomalies/json-lines.js";
import { formatUtc } from "../anomalies/utc-time.js";
import type { SigningEvent } from "./events.js";
import { codeRules, type KeyRegister, type SigningKey } from "./register.js";

export type KeyFindingKind =
  | "purpose-not-permitted"
  | "purpose-not-declared"
  | "unknown-key"
  | "retired-key"
  | "register-purpose-not-permitted";

export type KeyFinding = {
  readonly kind: KeyFindingKind;
  readonly clause: string;
  readonly keyId: string;
  /** The line of the events file, or null for a finding about the register itself. */
  readonly line: number | null;
  readonly detail: string;
};

/**
 * Checks the register and every signature against the purposes the Code allows each key
 * (G2.56, G2.60, G2.61, G3.29) and against the narrower purposes the holder declared.
 * A signature with a key missing from the register is a finding: the holder cannot show that the
 * key is confined to its purposes.
 */
export function checkKeyUse(register: KeyRegister, events: readonly Numbered<SigningEvent>[]): KeyFinding[] {
  const findings: KeyFinding[] = [];
  const keys = new Map<string, SigningKey>();
  for (const key of register.keys) {
    keys.set(key.id, key);
    const rule = codeRules[key.kind];
    for (const purpose of key.purposes) {
      if (rule.allowed.includes(purpose)) continue;
      findings.push({
        kind: "register-purpose-not-permitted",
        clause: rule.clause[register.owner],
        keyId: key.id,
        line: null,
        detail: `the register permits ${key.kind} key ${key.id} to sign for ${purpose}; the Code allows only ${rule.allowed.join(", ")}`,
      });
    }
  }
  const unknownClause = register.owner === "dcc" ? "G2.56" : "G3.29";
  for (const { line, value: event } of events) {
    const at = formatUtc(event.time);
    const key = keys.get(event.keyId);
    if (key === undefined) {
      findings.push({
        kind: "unknown-key",
        clause: unknownClause,
        keyId: event.keyId,
        line,
        detail: `${event.actor} signed for ${event.purpose} at ${at} with key ${event.keyId}, which is not in the register`,
      });
      continue;
    }
    const rule = codeRules[key.kind];
    const clause = rule.clause[register.owner];
    if (!rule.allowed.includes(event.purpose)) {
      findings.push({
        kind: "purpose-not-permitted",
        clause,
        keyId: key.id,
        line,
        detail: `${event.actor} used ${key.kind} key ${key.id} for ${event.purpose} at ${at}; the Code allows only ${rule.allowed.join(", ")}`,
      });
    } else if (!key.purposes.includes(event.purpose)) {
      findings.push({
        kind: "purpose-not-declared",
        clause,
        keyId: key.id,
        line,
        detail: `${event.actor} used key ${key.id} for ${event.purpose} at ${at}; its holder permits only ${key.purposes.join(", ")}`,
      });
    }
    if (key.retiredAt !== undefined && event.time >= key.retiredAt) {
      findings.push({
        kind: "retired-key",
        clause,
        keyId: key.id,
        line,
        detail: `${event.actor} used key ${key.id} at ${at}, after it was retired at ${formatUtc(key.retiredAt)}`,
      });
    }
  }
  return findings;
}
