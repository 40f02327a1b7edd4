import { z } from "zod";
import { parseUtcTimestamp } from "../adt/iso-time.js";

/**
 * A UTC timestamp field (`2026-01-05T09:00:00Z`) read into milliseconds; shared by the key-use,
 * anomaly and incident inputs so that all of them refuse local times the same way.
 */
export const utcTimestamp = z.string().transform((text, ctx) => {
  const ms = parseUtcTimestamp(text);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: "an ISO-8601 UTC timestamp like 2026-01-05T09:00:00Z" });
    return z.NEVER;
  }
  return ms;
});

export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
