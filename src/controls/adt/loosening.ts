import type { AttributeLimit, CountThreshold, Measure, Threshold } from "./thresholds.js";

/**
 * Which levels a new set of thresholds loosens against the set it replaces, so that a change
 * making detection weaker is never applied unnoticed (G6.4(a), G6.10).
 *
 * A count level L over a period P is at least as strict as level L' over P' when every burst
 * that exceeds L' in P' also exceeds L in P: that holds exactly when L ≤ L' and P ≥ P' (a longer
 * window counts more requests). So a higher level or a shorter period loosens, and so does a
 * level that is removed. An old level is kept when some new threshold on the same key (scope,
 * User ID, SRV, measure) has a level of the same kind that is at least as strict; this also
 * handles several thresholds on one key with different periods. Attribute limits loosen when a
 * minimum falls, a maximum rises, or either is removed.
 */

export type LooseningKey =
  | { readonly scope: "user"; readonly userId: string; readonly srv: string; readonly measure: Measure }
  | { readonly scope: "dcc"; readonly srv: string; readonly measure: Measure }
  | { readonly scope: "user"; readonly userId: string; readonly srv: string; readonly value: string }
  | { readonly scope: "dcc"; readonly srv: string; readonly value: string };

export type LevelKind = "warning" | "quarantine" | "min" | "max";

export type Loosening = {
  readonly key: LooseningKey;
  readonly level: LevelKind;
  /** The old level, and for count levels its period in milliseconds. */
  readonly before: { readonly level: number; readonly periodMs?: number };
  /** The closest new level of the same kind on the key, or absent when none is left. */
  readonly after?: { readonly level: number; readonly periodMs?: number };
  readonly message: string;
};

export function loosenings(current: readonly Threshold[], next: readonly Threshold[]): Loosening[] {
  const found: Loosening[] = [];
  for (const old of current) {
    if (old.kind === "count") {
      for (const kind of ["warning", "quarantine"] as const) {
        const level = levelOf(old, kind);
        if (level === undefined) continue;
        const candidates = next.filter(
          (t): t is CountThreshold =>
            t.kind === "count" && sameCountKey(old, t) && levelOf(t, kind) !== undefined,
        );
        const kept = candidates.some((t) => levelOf(t, kind)! <= level && t.periodMs >= old.periodMs);
        if (kept) continue;
        const closest = candidates.find((t) => t.periodMs === old.periodMs) ?? candidates[0];
        const after =
          closest === undefined ? undefined : { level: levelOf(closest, kind)!, periodMs: closest.periodMs };
        found.push({
          key: countKey(old),
          level: kind,
          before: { level, periodMs: old.periodMs },
          ...(after === undefined ? {} : { after }),
          message: describeCount(old, kind, level, after),
        });
      }
    } else {
      for (const kind of ["min", "max"] as const) {
        const bound = old.bounds[kind];
        if (bound === undefined) continue;
        const candidates = next.filter(
          (t): t is AttributeLimit =>
            t.kind === "attribute" && sameLimitKey(old, t) && t.bounds[kind] !== undefined,
        );
        const kept = candidates.some((t) =>
          kind === "min" ? t.bounds.min! >= bound : t.bounds.max! <= bound,
        );
        if (kept) continue;
        const after = candidates[0] === undefined ? undefined : { level: candidates[0].bounds[kind]! };
        found.push({
          key: limitKey(old),
          level: kind,
          before: { level: bound },
          ...(after === undefined ? {} : { after }),
          message:
            after === undefined
              ? `${describeKey(limitKey(old))}: the ${kind} of ${bound} is removed`
              : `${describeKey(limitKey(old))}: the ${kind} moves from ${bound} to ${after.level}`,
        });
      }
    }
  }
  return found;
}

function levelOf(threshold: CountThreshold, kind: "warning" | "quarantine"): number | undefined {
  const { levels } = threshold;
  return kind === "warning" ? ("warning" in levels ? levels.warning : undefined) : levels.quarantine;
}

function sameCountKey(a: CountThreshold, b: CountThreshold): boolean {
  return a.srv === b.srv && a.measure === b.measure && sameScope(a, b);
}

function sameLimitKey(a: AttributeLimit, b: AttributeLimit): boolean {
  return a.srv === b.srv && a.value === b.value && sameScope(a, b);
}

function sameScope(a: Threshold, b: Threshold): boolean {
  if (a.scope.kind === "dcc") return b.scope.kind === "dcc";
  return b.scope.kind === "user" && a.scope.userId === b.scope.userId;
}

function countKey(t: CountThreshold): LooseningKey {
  return t.scope.kind === "dcc"
    ? { scope: "dcc", srv: t.srv, measure: t.measure }
    : { scope: "user", userId: t.scope.userId, srv: t.srv, measure: t.measure };
}

function limitKey(t: AttributeLimit): LooseningKey {
  return t.scope.kind === "dcc"
    ? { scope: "dcc", srv: t.srv, value: t.value }
    : { scope: "user", userId: t.scope.userId, srv: t.srv, value: t.value };
}

function describeKey(key: LooseningKey): string {
  const who = key.scope === "dcc" ? "DCC" : key.userId;
  const what = "measure" in key ? key.measure : `value ${key.value}`;
  return `${who} SRV ${key.srv} ${what}`;
}

function describeCount(
  old: CountThreshold,
  kind: "warning" | "quarantine",
  level: number,
  after: { level: number; periodMs: number } | undefined,
): string {
  const before = `${level} per ${formatPeriod(old.periodMs)}`;
  const where = `${describeKey(countKey(old))}: the ${kind} level of ${before}`;
  if (after === undefined) return `${where} is removed`;
  return `${where} becomes ${after.level} per ${formatPeriod(after.periodMs)}`;
}

/** A period as an ISO-8601 duration in hours, minutes and seconds (PT24H, PT90M becomes PT1H30M). */
export function formatPeriod(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const parts = [hours ? `${hours}H` : "", minutes ? `${minutes}M` : "", seconds ? `${seconds}S` : ""];
  return `PT${parts.join("")}`;
}
