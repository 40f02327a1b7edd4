import { z } from "zod";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { parseIsoDuration } from "../adt/iso-time.js";
import { adtOutcomes, breaches, type Source, sources } from "./vocabulary.js";

/**
 * Detection rules: "at least `threshold` matching events from one source within `window`",
 * optionally counted separately per device or per User ID. The monitoring party decides which
 * clause a hit falls under: the DCC (G2.29–G2.30) or a Supplier Party (G3.15–G3.16).
 */

export type Party = "dcc" | "supplier";

export type AnomalyRule = {
  readonly id: string;
  readonly source: Source;
  readonly match: { readonly outcome?: string; readonly breach?: string; readonly code?: string };
  readonly threshold: number;
  readonly windowMs: number;
  readonly per?: "device" | "userId";
};

export type RuleSet = { readonly party: Party; readonly rules: readonly AnomalyRule[] };

const duration = z.string().transform((text, ctx) => {
  const ms = parseIsoDuration(text);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: "custom", message: "a positive ISO-8601 duration like PT1H or P1D" });
    return z.NEVER;
  }
  return ms;
});

const schema = z
  .object({
    party: z.enum(["dcc", "supplier"]),
    rules: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9-]+$/, "a rule id of lower-case letters, digits and '-'"),
            source: z.enum(sources),
            match: z
              .object({
                outcome: z.enum(adtOutcomes).optional(),
                breach: z.enum(breaches).optional(),
                code: z.string().min(1, "a non-empty event code").optional(),
              })
              .strict()
              .default({}),
            threshold: z.number().int("a whole number").min(1, "a threshold of 1 or more"),
            window: duration,
            per: z.enum(["device", "userId"]).optional(),
          })
          .strict(),
      )
      .min(1, "at least one rule"),
  })
  .strict()
  .superRefine((set, ctx) => {
    refuseRepeatedIds(ctx, "rules", set.rules, "rule");
    set.rules.forEach((rule, i) => {
      if (set.party === "supplier" && (rule.source === "incident-log" || rule.source === "sm-wan")) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "source"],
          message:
            "adt, device-audit or device-error for a Supplier Party (G3.15 names no incident log or SM WAN traffic)",
        });
      }
      const deviceSource =
        rule.source === "device-audit" || rule.source === "device-error" || rule.source === "sm-wan";
      if (rule.per === "device" && !deviceSource) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "per"],
          message: "per: device only for device-audit, device-error or sm-wan rules",
        });
      }
      if (rule.per === "userId" && rule.source !== "adt") {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "per"],
          message: "per: userId only for adt rules",
        });
      }
      if (rule.source !== "adt" && (rule.match.outcome !== undefined || rule.match.breach !== undefined)) {
        ctx.addIssue({
          code: "custom",
          path: ["rules", i, "match"],
          message: "outcome and breach only for adt rules",
        });
      }
    });
  });

export function parseRuleSet(text: string, file: string): RuleSet {
  const parsed = parseStructured(text, file, schema);
  return {
    party: parsed.party,
    rules: parsed.rules.map((r) => ({
      id: r.id,
      source: r.source,
      match: Object.fromEntries(Object.entries(r.match).filter(([, v]) => v !== undefined)),
      threshold: r.threshold,
      windowMs: r.window,
      ...(r.per === undefined ? {} : { per: r.per }),
    })),
  };
}

/** Which paragraph names each feed, for each monitoring party; the response duty follows. */
export const clauseFor: Readonly<Record<Party, Readonly<Partial<Record<Source, string>>>>> = {
  dcc: {
    adt: "G2.29(a)",
    "device-audit": "G2.29(b)",
    "device-error": "G2.29(c)",
    "incident-log": "G2.29(d)",
    "sm-wan": "G2.29(e)",
  },
  supplier: { adt: "G3.15(a)", "device-audit": "G3.15(b)", "device-error": "G3.15(c)" },
};
export const responseClause: Readonly<Record<Party, string>> = { dcc: "G2.30(b)", supplier: "G3.16(b)" };
