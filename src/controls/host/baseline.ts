import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";

/**
 * An approved baseline for one system (G2.3(b), G3.1(b) — the up-to-date list of what the
 * configuration should be), with the allowlist of software that may be installed and executed
 * on it (G2.2, G3.2). `party` says whose duty the system serves: the DCC's (G2) or a User's (G3).
 */
const packageSpec = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
  architecture: z.string().min(1).optional(),
});

export const baselineSchema = z.strictObject({
  system: z.string().min(1),
  party: z.enum(["dcc", "user"]),
  os: z.strictObject({ id: z.string().min(1), versionId: z.string().min(1).optional() }).optional(),
  kernel: z.string().min(1).optional(),
  packages: z.array(packageSpec),
  /** Globs of package names whose change is rated higher than the default rules do. */
  securityRelevant: z.array(z.string().min(1)).optional(),
  /** Names of the processes allowed to accept connections (listening sockets). */
  services: z.array(z.string().min(1)).optional(),
  firmware: z.record(z.string().min(1), z.string()).optional(),
  software: z
    .strictObject({
      packages: z.array(z.string().min(1)).optional(),
      executables: z.array(z.string().min(1)).optional(),
    })
    .optional(),
});

export type Baseline = z.output<typeof baselineSchema>;
export type PackageSpec = z.output<typeof packageSpec>;

export function parseBaseline(text: string, file: string): Baseline {
  return parseStructured(text, file, baselineSchema);
}
