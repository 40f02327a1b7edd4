import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { recordId, text } from "./fields.js";

/**
 * The Cryptographic Modules register: each module and its FIPS 140-2 validation, which G2.44
 * requires at Level 3 or above for the operations it lists.
 */
const moduleSchema = z.strictObject({
  id: recordId,
  name: text,
  vendor: text.optional(),
  /** As CryptoModule in src/controls/crypto/modules.ts: the overall FIPS 140-2 security level of the module's validation; absent when not validated. */
  fips140Level: z.literal([1, 2, 3, 4]).optional(),
  /** The CMVP certificate number of that validation. */
  certificate: text.optional(),
});

export type ModuleRecord = z.output<typeof moduleSchema>;

export const modules: RegisterDefinition<ModuleRecord> = {
  name: "modules",
  noun: "cryptographic module",
  schema: moduleSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "name", kind: "text" },
    { key: "vendor", kind: "text" },
    { key: "fips140Level", kind: "number" },
    { key: "certificate", kind: "text" },
  ],
};
