/** How a register's records become a table: whatever fields they carry, in a stable order. */
import type { Json } from "../api/workspace.js";

/** The columns: `id` first, then every other field in the order first seen, at most `max`. */
export function columnsOf(records: readonly Json[], max = 8): string[] {
  const seen = new Set<string>(["id"]);
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen].slice(0, max);
}

/**
 * An import's error message split into its lines, one problem per line of the file; the server's
 * "body:3 at detected: …" (line 3 of the uploaded body) reads "line 3, detected: …".
 */
export function problemLines(message: string): string[] {
  return message
    .split(/\n|;\s+(?=line \d)/i)
    .map((line) => line.trim().replace(/^body:(\d+) at /, "line $1, "))
    .filter((line) => line !== "");
}
