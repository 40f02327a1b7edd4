import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";
import type { Inventory } from "./inventory.js";
import { parseOsquery } from "./osquery.js";

/**
 * An observed inventory from another host: either the document `secg` itself collects (YAML or
 * JSON object) or one osquery result (a JSON array of rows).
 */
const socketSchema = z.strictObject({
  protocol: z.enum(["tcp", "udp"]),
  family: z.union([z.literal(4), z.literal(6)]),
  localAddress: z.string(),
  localPort: z.number().int().min(0).max(65535),
  remoteAddress: z.string(),
  remotePort: z.number().int().min(0).max(65535),
  state: z.enum(["listen", "established", "other"]),
  inode: z.number().int().nonnegative(),
  process: z
    .strictObject({ pid: z.number().int(), name: z.string(), path: z.string().optional() })
    .optional(),
});

const inventorySchema = z.strictObject({
  os: z
    .strictObject({
      id: z.string().min(1),
      versionId: z.string().optional(),
      prettyName: z.string().optional(),
    })
    .optional(),
  kernel: z.string().optional(),
  packages: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        version: z.string().min(1),
        architecture: z.string().optional(),
        manager: z.enum(["dpkg", "rpm"]),
      }),
    )
    .optional(),
  sockets: z.array(socketSchema).optional(),
  processes: z
    .array(z.strictObject({ pid: z.number().int(), name: z.string(), path: z.string().optional() }))
    .optional(),
  firmware: z.record(z.string(), z.string()).optional(),
  problems: z
    .array(
      z.strictObject({
        source: z.enum(["os", "kernel", "packages", "sockets", "processes", "firmware"]),
        detail: z.string(),
      }),
    )
    .default([]),
});

export function parseInventoryFile(text: string, file: string): Inventory {
  if (text.trimStart().startsWith("[")) return parseOsquery(text, file);
  return parseStructured(text, file, inventorySchema) as Inventory;
}
