import { z } from "zod";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { type IsoDate, isIsoDate } from "../../obligations/calendar/iso-date.js";

/**
 * What the DCC supplies to others under the Code and must vouch for (G2.37–G2.43): Cryptographic
 * Credential Tokens and Smart Card Tokens, and File Signing Software. Each item is one version; the
 * register records what was done for it, to whom it went, and any material vulnerability found in it.
 */
export const suppliedKinds = [
  "cryptographic-credential-token",
  "smart-card-token",
  "file-signing-software",
] as const;
export type SuppliedKind = (typeof suppliedKinds)[number];

export type SuppliedItem = {
  readonly id: string;
  readonly kind: SuppliedKind;
  /** G2.37(a): the day the DCC satisfied itself the token's software makes infeasible-to-regenerate Key Pairs. */
  readonly keyGenerationAssured?: IsoDate | undefined;
  /** G2.37(b): the day testing for its intended purpose was completed. */
  readonly tested?: IsoDate | undefined;
  /** G2.40: the code review by someone professionally competent, and when it was completed. */
  readonly codeReview?: { readonly on: IsoDate; readonly by: string } | undefined;
  /** G2.43: recipients can confirm it came from the DCC and see any tampering. */
  readonly verifiableOnReceipt?: boolean | undefined;
  /** G2.38, G2.41: an arrangement for the manufacturer or developer to tell the DCC of vulnerabilities. */
  readonly vendorArrangement?: "in-place" | "not-practicable" | undefined;
};

export type Supply = { readonly item: string; readonly to: string; readonly on: IsoDate };

export type SuppliedVulnerability = {
  readonly id: string;
  readonly item: string;
  readonly awareOn: IsoDate;
  /** Who has been told: Subscribers for the tokens' Certificates (G2.39), recipients of the software (G2.42). */
  readonly notified: readonly string[];
  /** The manufacturer or developer: told, or not reasonably practicable to tell. */
  readonly vendorNotified?: "yes" | "not-practicable" | undefined;
};

export type SuppliedRegister = {
  readonly items: readonly SuppliedItem[];
  readonly supplies: readonly Supply[];
  readonly vulnerabilities: readonly SuppliedVulnerability[];
};

export type SuppliedFinding = {
  readonly item: string;
  readonly clause: string;
  readonly severity: "error" | "warning";
  readonly detail: string;
};

const isToken = (kind: SuppliedKind) => kind !== "file-signing-software";

/** A step that must come before supply: missing, or done after the first supply. */
function before(step: IsoDate | undefined, firstSupply: IsoDate): string | undefined {
  if (step === undefined) return "none is on record";
  return step > firstSupply ? `it is dated ${step}, after` : undefined;
}

function beforeSupply(item: SuppliedItem, first: IsoDate): Omit<SuppliedFinding, "item">[] {
  const found: Omit<SuppliedFinding, "item">[] = [];
  const need = (clause: string, step: IsoDate | undefined, what: string) => {
    const problem = before(step, first);
    if (problem !== undefined) {
      found.push({
        clause,
        severity: "error",
        detail: `${what} is needed before ${item.id} is supplied (first on ${first}): ${problem === "none is on record" ? problem : `${problem} that supply`}`,
      });
    }
  };
  if (isToken(item.kind)) {
    need(
      "G2.37(a)",
      item.keyGenerationAssured,
      "assurance that its software generates Key Pairs that cannot feasibly be regenerated",
    );
    need("G2.37(b)", item.tested, "adequate testing for its intended purpose");
  } else {
    need(
      "G2.40",
      item.codeReview?.on,
      "a code review by a competent reviewer for unintended vulnerabilities",
    );
    if (item.verifiableOnReceipt !== true) {
      found.push({
        clause: "G2.43",
        severity: "error",
        detail: `${item.id} is supplied in a form its recipients cannot confirm came from the DCC and is untampered`,
      });
    }
  }
  return found;
}

/** G2.39, G2.42: every recipient (or Subscriber) by the time the DCC knew, and the vendor where practicable. */
function notices(
  vulnerability: SuppliedVulnerability,
  item: SuppliedItem,
  supplies: readonly Supply[],
  on: IsoDate,
): SuppliedFinding[] {
  if (vulnerability.awareOn > on) return [];
  const clause = isToken(item.kind) ? "G2.39" : "G2.42";
  const told = new Set(vulnerability.notified);
  const owed = [
    ...new Set(supplies.filter((s) => s.item === item.id && s.on <= vulnerability.awareOn).map((s) => s.to)),
  ];
  const missing = owed.filter((to) => !told.has(to)).sort();
  const found: SuppliedFinding[] = [];
  if (missing.length > 0) {
    found.push({
      item: item.id,
      clause,
      severity: "error",
      detail: `vulnerability ${vulnerability.id} (known since ${vulnerability.awareOn}) not yet notified to ${missing.join(", ")}`,
    });
  }
  if (vulnerability.vendorNotified === undefined) {
    found.push({
      item: item.id,
      clause,
      severity: "error",
      detail: `vulnerability ${vulnerability.id}: no record that its ${isToken(item.kind) ? "manufacturer or developer" : "developer"} was told, or that telling them was not reasonably practicable`,
    });
  }
  return found;
}

export function checkDccSupplied(register: SuppliedRegister, on: IsoDate): SuppliedFinding[] {
  const findings: SuppliedFinding[] = [];
  for (const item of register.items) {
    const first = register.supplies
      .filter((s) => s.item === item.id && s.on <= on)
      .map((s) => s.on)
      .sort()[0];
    if (first !== undefined) {
      for (const f of beforeSupply(item, first)) findings.push({ item: item.id, ...f });
    }
    if (item.vendorArrangement === undefined) {
      findings.push({
        item: item.id,
        clause: isToken(item.kind) ? "G2.38" : "G2.41",
        severity: "warning",
        detail: `no record of an arrangement for the vendor of ${item.id} to report vulnerabilities to the DCC, nor that one is not reasonably practicable`,
      });
    }
  }
  const items = new Map(register.items.map((i) => [i.id, i]));
  for (const vulnerability of register.vulnerabilities) {
    const item = items.get(vulnerability.item);
    if (item !== undefined) findings.push(...notices(vulnerability, item, register.supplies, on));
  }
  return findings;
}

const date = z
  .string()
  .refine(isIsoDate, "a real calendar date written YYYY-MM-DD")
  .transform((t) => t as IsoDate);
const id = z.string().min(1, "a non-empty id");

const schema = z
  .object({
    items: z.array(
      z
        .object({
          id,
          kind: z.enum(suppliedKinds),
          keyGenerationAssured: date.optional(),
          tested: date.optional(),
          codeReview: z.object({ on: date, by: id }).strict().optional(),
          verifiableOnReceipt: z.boolean().optional(),
          vendorArrangement: z.enum(["in-place", "not-practicable"]).optional(),
        })
        .strict(),
    ),
    supplies: z.array(z.object({ item: id, to: id, on: date }).strict()).default([]),
    vulnerabilities: z
      .array(
        z
          .object({
            id,
            item: id,
            awareOn: date,
            notified: z.array(id).default([]),
            vendorNotified: z.enum(["yes", "not-practicable"]).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict()
  .superRefine((register, ctx) => {
    refuseRepeatedIds(ctx, "items", register.items, "item");
    refuseRepeatedIds(ctx, "vulnerabilities", register.vulnerabilities, "vulnerability");
    const known = new Set(register.items.map((i) => i.id));
    for (const list of ["supplies", "vulnerabilities"] as const) {
      register[list].forEach((entry, i) => {
        if (!known.has(entry.item)) {
          ctx.addIssue({
            code: "custom",
            path: [list, i, "item"],
            message: `an item id from items (got "${entry.item}")`,
          });
        }
      });
    }
    register.items.forEach((item, i) => {
      const tokenOnly = ["keyGenerationAssured", "tested"] as const;
      const softwareOnly = ["codeReview", "verifiableOnReceipt"] as const;
      for (const key of isToken(item.kind) ? softwareOnly : tokenOnly) {
        if (item[key] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["items", i, key],
            message: `no ${key} for a ${item.kind} (${isToken(item.kind) ? "G2.40 and G2.43 concern File Signing Software" : "G2.37 concerns tokens"})`,
          });
        }
      }
    });
  });

/** Reads the register (YAML or JSON); bad input throws an InputError naming file, line and key path. */
export function parseSuppliedRegister(text: string, file: string): SuppliedRegister {
  return parseStructured(text, file, schema);
}
