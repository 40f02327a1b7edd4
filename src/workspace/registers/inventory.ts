import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";

/**
 * The inventory: the hardware, and the software and firmware with their versions and patch
 * levels, of each system — the up-to-date inventory G2.3(b) asks of the DCC and G3.1(b) of a User.
 */
export const componentKinds = ["hardware", "software", "firmware"] as const;

const itemSchema = z.strictObject({
  id: recordId,
  /** The system (an id in the systems register) the item is part of. */
  system: recordId,
  kind: z.enum(componentKinds),
  name: text,
  version: text.optional(),
  patchLevel: text.optional(),
  vendor: text.optional(),
  installedOn: isoDate.optional(),
});

export type InventoryRecord = z.output<typeof itemSchema>;

export const inventory: RegisterDefinition<InventoryRecord> = {
  name: "inventory",
  noun: "inventory item",
  schema: itemSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "system", kind: "text" },
    { key: "kind", kind: "text" },
    { key: "name", kind: "text" },
    { key: "version", kind: "text" },
    { key: "patchLevel", kind: "text" },
    { key: "vendor", kind: "text" },
    { key: "installedOn", kind: "date" },
  ],
};
