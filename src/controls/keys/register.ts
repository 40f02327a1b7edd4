import { z } from "zod";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { utcTimestamp } from "../anomalies/utc-time.js";

/**
 * The register of signing keys whose use Section G confines (G2.56, G2.60, G2.61, G3.29): what
 * each key is, the purposes its holder permits it, and when it was retired.
 */

/** What a signature is made for. */
export const signingPurposes = [
  "command-signature", // a Digital Signature forming part of a Command for a SMETS2+ Device
  "csr", // Digitally Signing a Certificate Signing Request
  "oca-certificate", // Digitally Signing an OCA Certificate
  "organisation-arl", // Digitally Signing the Organisation ARL
  "organisation-certificate", // Digitally Signing an Organisation Certificate
  "organisation-crl", // Digitally Signing the Organisation CRL
  "other",
] as const;
export type SigningPurpose = (typeof signingPurposes)[number];

/**
 * `command-signing`: a Private Key used, or meant to be used, to sign Commands for SMETS2+
 * Devices (G2.56 for the DCC, G3.29 for a User); `root-oca` and `issuing-oca`: the DCC's OCA
 * Private Keys (G2.60, G2.61).
 */
export const keyKinds = ["command-signing", "root-oca", "issuing-oca"] as const;
export type SigningKeyKind = (typeof keyKinds)[number];

export type KeyOwner = "dcc" | "user";

export type SigningKey = {
  readonly id: string;
  readonly kind: SigningKeyKind;
  readonly purposes: readonly SigningPurpose[];
  /** Signatures at or after this instant use a retired key. */
  readonly retiredAt?: number;
};

export type KeyRegister = { readonly owner: KeyOwner; readonly keys: readonly SigningKey[] };

/** The purposes the Code allows each kind of key, and the clause that says so, per holder. */
export const codeRules: Readonly<
  Record<
    SigningKeyKind,
    { readonly clause: Readonly<Record<KeyOwner, string>>; readonly allowed: readonly SigningPurpose[] }
  >
> = {
  "command-signing": { clause: { dcc: "G2.56", user: "G3.29" }, allowed: ["command-signature", "csr"] },
  "root-oca": {
    clause: { dcc: "G2.60", user: "G2.60" },
    allowed: ["oca-certificate", "csr", "organisation-arl"],
  },
  "issuing-oca": {
    clause: { dcc: "G2.61", user: "G2.61" },
    allowed: ["organisation-certificate", "csr", "organisation-crl"],
  },
};

const registerSchema = z
  .object({
    owner: z.enum(["dcc", "user"]),
    keys: z.array(
      z
        .object({
          id: z.string().min(1, "a non-empty key id"),
          kind: z.enum(keyKinds),
          purposes: z.array(z.enum(signingPurposes)).min(1, "at least one permitted purpose"),
          retiredAt: utcTimestamp.optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((register, ctx) => {
    refuseRepeatedIds(ctx, "keys", register.keys, "key");
    register.keys.forEach((key, i) => {
      // Only the DCC runs the Organisation Certificate Authority (Section L).
      if (register.owner === "user" && key.kind !== "command-signing") {
        ctx.addIssue({
          code: "custom",
          path: ["keys", i, "kind"],
          message: `"command-signing" for a User's key (OCA keys are the DCC's)`,
        });
      }
    });
  });

export function parseKeyRegister(text: string, file: string): KeyRegister {
  const parsed = parseStructured(text, file, registerSchema);
  return {
    owner: parsed.owner,
    keys: parsed.keys.map((k) => ({
      id: k.id,
      kind: k.kind,
      purposes: k.purposes,
      ...(k.retiredAt === undefined ? {} : { retiredAt: k.retiredAt }),
    })),
  };
}
