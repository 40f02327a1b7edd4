import type { Bar } from "../ui/charts.js";

/** How many of the requests fall under each value of a key (User ID, SRV), most first. */
export function countBy<T>(items: readonly T[], key: (item: T) => string, top = 10): Bar[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts]
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, top);
}

/** How many items fall on each of the `days` days up to `today` (YYYY-MM-DD, UTC days), oldest first. */
export function perDay<T>(
  items: readonly T[],
  at: (item: T) => string,
  today: string,
  days: number,
): number[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  const counts = new Array<number>(days).fill(0);
  for (const item of items) {
    const daysAgo = Math.floor((end - Date.parse(`${at(item).slice(0, 10)}T00:00:00Z`)) / 86_400_000);
    if (daysAgo >= 0 && daysAgo < days) counts[days - 1 - daysAgo]! += 1;
  }
  return counts;
}
