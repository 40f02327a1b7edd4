import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { partyId, recordId, text } from "./fields.js";

/**
 * The shared resources register: resources a provider runs for several Users (G10), who provides
 * and who uses each, and the premises counted through it — a provider's customers' premises
 * count towards the thresholds of G8.43 and G8.46.
 */
const sharedResourceSchema = z.strictObject({
  id: recordId,
  provider: partyId,
  users: z.array(partyId).min(1, "at least one party using the resource"),
  description: text,
  premisesCounted: z
    .number()
    .int("a whole number of premises")
    .nonnegative("zero or more premises")
    .optional(),
});

export type SharedResourceRecord = z.output<typeof sharedResourceSchema>;

export const sharedResources: RegisterDefinition<SharedResourceRecord> = {
  name: "shared-resources",
  noun: "shared resource",
  schema: sharedResourceSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "provider", kind: "text" },
    { key: "users", kind: "list" },
    { key: "description", kind: "text" },
    { key: "premisesCounted", kind: "number" },
  ],
};
