import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";

/**
 * Connection-attempt logs, one JSON object a line: when, from where, to which port and protocol,
 * and what the system did (G2.1(b): prevented attempts are still attempts to detect).
 */
export type Attempt = {
  readonly line: number;
  readonly timeMs: number;
  readonly time: string;
  readonly source: string;
  readonly destinationPort: number;
  readonly protocol: "tcp" | "udp";
  readonly outcome: "accepted" | "blocked";
};

const attemptSchema = z.strictObject({
  time: z.iso.datetime({ offset: true }),
  source: z.union([z.ipv4(), z.ipv6()]),
  destinationPort: z.number().int().min(0).max(65535),
  protocol: z.enum(["tcp", "udp"]),
  outcome: z.enum(["accepted", "blocked"]),
});

export function parseAttempts(text: string, file: string): Attempt[] {
  const attempts: Attempt[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError({ file, line: i + 1 }, "one JSON object per line");
    }
    const parsed = attemptSchema.safeParse(value);
    if (!parsed.success) {
      // Reuse the structured reader's wording and key path; the line is this one.
      try {
        parseStructured(line, file, attemptSchema);
      } catch (error) {
        if (error instanceof InputError)
          throw new InputError(
            { file, line: i + 1, ...(error.where.path ? { path: error.where.path } : {}) },
            error.expected,
          );
        throw error;
      }
    }
    const a = attemptSchema.parse(value);
    attempts.push({ ...a, line: i + 1, timeMs: Date.parse(a.time) });
  }
  return attempts;
}
