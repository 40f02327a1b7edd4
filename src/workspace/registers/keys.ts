import { z } from "zod";
import { keyKinds, signingPurposes } from "../../controls/keys/register.js";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";

/**
 * The keys register: each signing key, the purposes its holder permits it (the key-use control
 * checks signatures against them, G2.56, G2.60–G2.61, G3.29), the Cryptographic Module holding it
 * (G2.44), the system using it, who is responsible, and when it expires.
 */
const keySchema = z.strictObject({
  id: recordId,
  kind: z.enum(keyKinds),
  purposes: z.array(z.enum(signingPurposes)).min(1, "at least one permitted purpose"),
  /** An id in the modules register. */
  module: recordId.optional(),
  /** An id in the systems register. */
  system: recordId.optional(),
  owner: text.optional(),
  expires: isoDate.optional(),
});

export type KeyRecord = z.output<typeof keySchema>;

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
  ],
};
