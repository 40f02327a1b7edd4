import type { Version } from "../api/types.js";

/** Newest first: by the date each version comes into force, then by when it was imported. */
export function newestFirst(versions: readonly Version[]): Version[] {
  return [...versions].sort(
    (a, b) => b.inForce.localeCompare(a.inForce) || b.importedAt.localeCompare(a.importedAt),
  );
}

/**
 * The version in force on a date (YYYY-MM-DD): the newest that has come into force by then. When
 * every version is still in the future, the earliest of them, so the browser always opens on something.
 */
export function inForceOn(versions: readonly Version[], date: string): Version | undefined {
  const sorted = newestFirst(versions);
  return sorted.find((version) => version.inForce <= date) ?? sorted.at(-1);
}

/** The pair a redline opens on by default: the two newest versions, older one first. */
export function latestPair(versions: readonly Version[]): { old: string; new: string } | undefined {
  const [newest, previous] = newestFirst(versions);
  return newest && previous ? { old: previous.label, new: newest.label } : undefined;
}

/** Two version labels, the one in force earlier first. */
export function inForceOrder(versions: readonly Version[], a: string, b: string): [string, string] {
  const date = (label: string) => versions.find((version) => version.label === label)?.inForce ?? "";
  return date(a) <= date(b) ? [a, b] : [b, a];
}

/** Today's date in the viewer's own time zone, as the Code's dates are written. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
