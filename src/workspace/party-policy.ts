/**
 * A party's own security policy: the periods and thresholds Section G leaves to the party, which
 * the rule checks (./checks/) take instead of their defaults. One policy per party, kept in its
 * own table beside the parties register; every change is audited in the same transaction, and
 * storing the policy already held changes nothing.
 */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { canonicalize, canonicalSha256 } from "../common/canonical-json.js";
import { InputError } from "../common/input-error.js";
import { parseStructured } from "../common/structured-input.js";
import { parseRuleSet, type RuleSet } from "../controls/anomalies/index.js";
import { appendAudit, auditSchemaVersion, type Origin } from "./audit.js";
import { partyPolicies } from "./checks/tables.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { partiesOf } from "./parties.js";

const policySchema = z.strictObject({
  /** G2.24(b), G3.13(b): days between leaving User Systems and starting on the DCC Live Systems. */
  coolingOffDays: z.number().int("a whole number of days").min(0, "zero or more days").optional(),
  /** G2.22B(c): the gap between two relevant systems, 24 months unless the SSC approved less. */
  sscApprovedDevGapMonths: z
    .number()
    .int("a whole number of months")
    .min(0, "0 to 24 months")
    .max(24, "0 to 24 months")
    .optional(),
  /** What "promptly" means to the party, in hours (G3.4–G3.5, G2.11(a), G3.9(b)(ii), G3.18). */
  promptHours: z
    .number()
    .int("a whole number of hours")
    .min(1, "1 to 720 hours")
    .max(720, "1 to 720 hours")
    .optional(),
  /** Days allowed where the Code sets no period (G3.7(c), G3.8(c), G5.16(c), G2.11(b), G3.9(b)(i)). */
  followUpDays: z
    .number()
    .int("a whole number of days")
    .min(0, "0 to 365 days")
    .max(365, "0 to 365 days")
    .optional(),
  /** The anomaly rules of G2.29–G2.30 / G3.15–G3.16, as `secg anomalies detect --rules` reads them. */
  anomalyRules: z.array(z.record(z.string(), z.unknown())).optional(),
});

export type PartyPolicy = z.output<typeof policySchema>;

export type StoredPolicy = {
  readonly policy: PartyPolicy;
  /** 0 and null when the party has set no policy. */
  readonly version: number;
  readonly sha256: string | null;
  readonly updatedAt: string | null;
};

export type PolicyOutcome = "created" | "updated" | "unchanged";

/** The anomaly rules' monitoring party for a party of this kind (G2.29 for the DCC, G3.15 otherwise). */
export function ruleParty(kind: "dcc" | "user"): RuleSet["party"] {
  return kind === "dcc" ? "dcc" : "supplier";
}

/**
 * The policy's anomaly rules read as the anomaly detector takes them, or undefined when it sets none;
 * a bad rule is an InputError at its key path under `anomalyRules`, in `source`.
 */
export function anomalyRulesOf(
  policy: PartyPolicy,
  kind: "dcc" | "user",
  source: string,
): RuleSet | undefined {
  if (policy.anomalyRules === undefined) return undefined;
  try {
    return parseRuleSet(JSON.stringify({ party: ruleParty(kind), rules: policy.anomalyRules }), source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const path = error.where.path?.replace(/^rules/, "anomalyRules") ?? "anomalyRules";
    throw new InputError({ file: source, path }, error.expected);
  }
}

/** Reads a policy (YAML or JSON) for a party of this kind; bad input names `source` and the key path. */
export function parsePolicy(text: string, source: string, kind: "dcc" | "user"): PartyPolicy {
  const policy = parseStructured(text, source, policySchema);
  anomalyRulesOf(policy, kind, source);
  return policy;
}

export type PartyPolicies = {
  /** The party's policy, or undefined when there is no such party. */
  readonly get: (party: string) => Promise<StoredPolicy | undefined>;
  /** Validates and stores the policy (YAML or JSON text); an InputError names `source`, line and key path. */
  readonly set: (
    party: string,
    text: string,
    source: string,
    origin: Origin,
  ) => Promise<{ stored: StoredPolicy; outcome: PolicyOutcome }>;
};

export function partyPoliciesOf(db: Database, clock: Clock): PartyPolicies {
  const parties = partiesOf(db, clock);
  const read = async (party: string): Promise<StoredPolicy> => {
    const [row] = await db.select().from(partyPolicies).where(eq(partyPolicies.party, party));
    return row === undefined
      ? { policy: {}, version: 0, sha256: null, updatedAt: null }
      : {
          policy: row.policy as PartyPolicy,
          version: row.version,
          sha256: row.sha256,
          updatedAt: row.updatedAt.toISOString(),
        };
  };
  return {
    get: async (party) => ((await parties.get(party)) ? read(party) : undefined),
    set: async (party, text, source, origin) => {
      const stored = await parties.get(party);
      if (!stored) throw new InputError({ path: "party" }, `a stored party (there is no party "${party}")`);
      const kind = stored.profile.kind === "dcc" ? "dcc" : "user";
      const policy = parsePolicy(text, source, kind);
      const sha256 = canonicalSha256(policy);
      const outcome = await db.transaction(async (tx): Promise<PolicyOutcome> => {
        // Two first writes of one party's policy queue here rather than race to insert.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`party-policy:${party}`}))`);
        const [before] = await tx.select().from(partyPolicies).where(eq(partyPolicies.party, party));
        if (before?.sha256 === sha256) return "unchanged";
        const now = clock.now();
        const version = (before?.version ?? 0) + 1;
        const row = { policy: policy as Record<string, unknown>, sha256, version, updatedAt: now };
        if (before) await tx.update(partyPolicies).set(row).where(eq(partyPolicies.party, party));
        else await tx.insert(partyPolicies).values({ party, ...row });
        const previous = (before?.policy ?? {}) as Record<string, unknown>;
        const keys = new Set([...Object.keys(previous), ...Object.keys(policy)]);
        await appendAudit(tx, {
          ...origin,
          action: "party.policy.set",
          target: `party:${party}`,
          outcome: "success",
          time: now.toISOString(),
          timeSource: clock.source,
          schemaVersion: auditSchemaVersion,
          detail: {
            changed: [...keys]
              .filter(
                (key) =>
                  canonicalize(previous[key]) !== canonicalize((policy as Record<string, unknown>)[key]),
              )
              .sort(),
            sha256,
            version,
            ...(before ? { previousSha256: before.sha256 } : {}),
          },
        });
        return before ? "updated" : "created";
      });
      return { stored: await read(party), outcome };
    },
  };
}
