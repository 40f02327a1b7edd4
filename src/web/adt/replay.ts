import type { PairCount } from "../api/adt-replay.js";
import type { Bar } from "../ui/charts.js";

/**
 * How the chosen request files are replayed: one JSON Lines file, or DUIS XML requests (any
 * number, replayed in name order one second apart); anything else is a problem to show.
 */
export function replayFormat(names: readonly string[]): { format: "jsonl" | "duis" } | { problem: string } {
  if (names.length === 0) return { problem: "Choose the requests to replay." };
  const xml = names.filter((name) => /\.xml$/i.test(name)).length;
  if (xml === names.length) return { format: "duis" };
  if (names.length === 1) return { format: "jsonl" };
  return { problem: "Choose one JSON Lines file, or DUIS XML files only." };
}

const hour = 3_600_000;

/**
 * Requests per hour for each User ID and SRV over the replay's span (at least an hour, so a
 * short burst is not scaled up into a rate it never kept), the busiest first.
 */
export function ratesPerHour(
  counts: readonly PairCount[],
  from: string | null,
  to: string | null,
  top = 10,
): Bar[] {
  const span = from === null || to === null ? hour : Date.parse(to) - Date.parse(from);
  const hours = Math.max(1, span / hour);
  return [...counts]
    .sort((a, b) => b.requests - a.requests)
    .slice(0, top)
    .map((count) => {
      const rate = count.requests / hours;
      // Whole numbers once they are large, so the printed value fits beside its bar.
      return {
        label: `${count.userId} · SRV ${count.srv}`,
        value: rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10,
      };
    });
}

/** Whole percent done, 0 for nothing to do yet. */
export function percentDone(processed: number, total: number): number {
  return total === 0 ? 100 : Math.floor((processed / total) * 100);
}
