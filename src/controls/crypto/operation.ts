import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";

/**
 * One cryptographic operation as ../shared/contracts/crypto-operation.md describes it: who
 * carries it out, what it does with which key material, and the facts the exceptions of G2.44A
 * and G2.44B turn on. Unknown keys are refused so that a typo never changes the classification.
 */

/** The DCC and the two DCC Service Provider roles whose processing is the DCC's (G2.44), and a User (G3.22). */
export const operators = ["dcc", "dco", "smets1-service-provider", "user"] as const;
export const activities = ["generate", "store", "use"] as const;
export const purposes = [
  "cos-party",
  "command-mac",
  "command-signature",
  "tls",
  "instruction",
  "add-credit",
  "other",
] as const;
export const keyKinds = [
  "smets1-symmetric",
  "dcc-private",
  "private",
  "recovery-private",
  "contingency-private",
  "other",
] as const;
export const targets = ["smets1", "smets2", "none"] as const;
export const keyLifetimes = ["application-association", "tls-session", "long-term"] as const;

export type Operator = (typeof operators)[number];
export type Activity = (typeof activities)[number];
export type Purpose = (typeof purposes)[number];
export type KeyKind = (typeof keyKinds)[number];
export type Target = (typeof targets)[number];
export type KeyLifetime = (typeof keyLifetimes)[number];
export type DeviceCategory = 1 | 2;

export type CryptoOperation = {
  readonly by: Operator;
  readonly activity: Activity;
  readonly purpose: Purpose;
  readonly key: KeyKind;
  readonly target: Target;
  /** The stored key material is encrypted (matters for storage only: definition of Cryptographic Processing). */
  readonly keyEncrypted?: boolean;
  /** The category the SMETS1 Supporting Requirements give the target Device (G2.44A(b), (c)). */
  readonly deviceCategory?: DeviceCategory;
  readonly keyLifetime?: KeyLifetime;
  /** A Recovery or Contingency Private Key is currently held in parts under Appendix L (G2.44B). */
  readonly keySplit?: boolean;
};

const operationSchema = z
  .object({
    by: z.enum(operators),
    activity: z.enum(activities),
    purpose: z.enum(purposes),
    key: z.enum(keyKinds),
    target: z.enum(targets),
    keyEncrypted: z.boolean().optional(),
    // A hand-written file may quote the category; both spellings mean the same Device category.
    deviceCategory: z
      .literal([1, 2, "1", "2"])
      .transform((c): DeviceCategory => (c === 1 || c === "1" ? 1 : 2))
      .optional(),
    keyLifetime: z.enum(keyLifetimes).optional(),
    keySplit: z.boolean().optional(),
  })
  .strict();

/** Reads an operation from JSON or YAML text; bad input throws an InputError naming the key path. */
export function parseCryptoOperation(text: string, file: string): CryptoOperation {
  const parsed = parseStructured(text, file, operationSchema);
  // exactOptionalPropertyTypes: absent stays absent rather than becoming an explicit undefined.
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined),
  ) as CryptoOperation;
}
