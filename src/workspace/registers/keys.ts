import { z } from "zod";
import type { OrganisationCertificate } from "../../controls/keys/organisation-certificates.js";
import { keyKinds, signingPurposes } from "../../controls/keys/register.js";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";

/**
 * The keys register: each signing key, the purposes its holder permits it (the key-use control
 * checks signatures against them, G2.56, G2.60–G2.61, G3.29), the Cryptographic Module holding it
 * (G2.44), the system using it, who is responsible, and when it expires. A key that is the Private
 * Key of an Organisation Certificate the party subscribes for also records what G2.57–G2.59 ask
 * about that certificate; `expires` is then the certificate's expiry.
 */
const keySchema = z
  .strictObject({
    id: recordId,
    kind: z.enum(keyKinds),
    purposes: z.array(z.enum(signingPurposes)).min(1, "at least one permitted purpose"),
    /** An id in the modules register. */
    module: recordId.optional(),
    /** An id in the systems register. */
    system: recordId.optional(),
    owner: text.optional(),
    expires: isoDate.optional(),
    /** The Remote Party Role named in the key's Organisation Certificate. */
    remotePartyRole: text.optional(),
    /** G2.57(a), G2.58(a): GBCS specifies that Remote Party Role. */
    gbcsRole: z.boolean().optional(),
    /** G2.57(b), G2.58(b): the key is used, or meant to be used, for purposes GBCS does not describe. */
    nonGbcsUse: z.boolean().optional(),
    /** The day the party became Subscriber for the certificate (G2.58). */
    subscribed: isoDate.optional(),
    /** The day the key was replaced by one under a Section L Annex A Table 1 role (G2.57). */
    keyReplaced: isoDate.optional(),
    /** G2.59(b): the certificate replaces one revoked under the SMKI Recovery Procedure. */
    replacesRevokedUnderRecovery: z.boolean().optional(),
  })
  .superRefine((key, ctx) => {
    const given = certificateFields.filter((field) => key[field] !== undefined);
    if (given.length === 0) return;
    for (const field of ["remotePartyRole", "gbcsRole", "nonGbcsUse", "subscribed", "expires"] as const) {
      if (key[field] === undefined)
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `a value: the key records an Organisation Certificate (${given.join(", ")} given), which G2.57–G2.58 judge by ${field}`,
        });
    }
    const { subscribed } = key;
    if (subscribed === undefined) return;
    for (const field of ["expires", "keyReplaced"] as const) {
      const day = key[field];
      if (day !== undefined && day < subscribed)
        ctx.addIssue({ code: "custom", path: [field], message: "a date on or after subscribed" });
    }
  });

/** The fields that make a key record an Organisation Certificate's key; `expires` alone does not. */
const certificateFields = [
  "remotePartyRole",
  "gbcsRole",
  "nonGbcsUse",
  "subscribed",
  "keyReplaced",
  "replacesRevokedUnderRecovery",
] as const;

export type KeyRecord = z.output<typeof keySchema>;

/** The key's Organisation Certificate as the G2.57–G2.59 check takes it, or undefined when it records none. */
export function certificateOf(key: KeyRecord): OrganisationCertificate | undefined {
  const { remotePartyRole, gbcsRole, nonGbcsUse, subscribed, expires } = key;
  if (
    remotePartyRole === undefined ||
    gbcsRole === undefined ||
    nonGbcsUse === undefined ||
    subscribed === undefined ||
    expires === undefined
  )
    return undefined;
  return {
    id: key.id,
    remotePartyRole,
    gbcsRole,
    nonGbcsUse,
    subscribed,
    expires,
    keyReplaced: key.keyReplaced,
    replacesRevokedUnderRecovery: key.replacesRevokedUnderRecovery,
  };
}

export const keys: RegisterDefinition<KeyRecord> = {
  name: "keys",
  noun: "key",
  schema: keySchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "kind", kind: "text" },
    { key: "purposes", kind: "list" },
    { key: "module", kind: "text" },
    { key: "system", kind: "text" },
    { key: "owner", kind: "text" },
    { key: "expires", kind: "date" },
    { key: "remotePartyRole", kind: "text" },
    { key: "gbcsRole", kind: "boolean" },
    { key: "nonGbcsUse", kind: "boolean" },
    { key: "subscribed", kind: "date" },
    { key: "keyReplaced", kind: "date" },
    { key: "replacesRevokedUnderRecovery", kind: "boolean" },
  ],
};
