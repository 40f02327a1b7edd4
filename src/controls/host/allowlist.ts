import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";
import { type Network, parseCidr } from "./cidr.js";

/**
 * The ports, protocols and connections a system needs (G2.4(b)-(c)), each with its purpose, and
 * the denial-of-service levels over connection attempts (G2.8(a)). `inbound` entries allow a
 * listening port and connections to it from `peers`; `outbound` entries allow connections this
 * system makes to `peers` on `port`. No `peers` means any peer; no `process` means any process.
 */
const entrySchema = z.strictObject({
  port: z.number().int().min(0).max(65535),
  protocol: z.enum(["tcp", "udp"]),
  direction: z.enum(["inbound", "outbound"]).default("inbound"),
  process: z.string().min(1).optional(),
  peers: z.array(z.string().min(1)).optional(),
  purpose: z.string().min(1),
});

const allowlistSchema = z.strictObject({
  system: z.string().min(1),
  allow: z.array(entrySchema),
  denialOfService: z
    .strictObject({
      windowSeconds: z.number().positive().default(60),
      perSource: z.number().int().positive().default(100),
      total: z.number().int().positive().default(1000),
    })
    .default({ windowSeconds: 60, perSource: 100, total: 1000 }),
});

export type AllowEntry = Omit<z.output<typeof entrySchema>, "peers"> & {
  readonly peers?: readonly Network[];
};
export type Allowlist = Omit<z.output<typeof allowlistSchema>, "allow"> & {
  readonly allow: readonly AllowEntry[];
};

export function parseAllowlist(text: string, file: string): Allowlist {
  const raw = parseStructured(text, file, allowlistSchema);
  return {
    ...raw,
    allow: raw.allow.map(({ peers, ...entry }, i) =>
      peers === undefined
        ? entry
        : {
            ...entry,
            peers: peers.map((cidr, j) => parseCidr(cidr, { file, path: `allow[${i}].peers[${j}]` })),
          },
    ),
  };
}
