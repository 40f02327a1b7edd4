import type { FeedEvent } from "./feed.js";
import { type AnomalyRule, clauseFor, type RuleSet, responseClause } from "./rules.js";
import { formatUtc } from "./utc-time.js";

/** A burst of matching events that reached a rule's threshold: a candidate incident for triage. */
export type Candidate = {
  readonly rule: string;
  readonly clause: string;
  /** The duty to act on what was detected. */
  readonly respond: string;
  /** The device or User ID counted, when the rule counts per one; otherwise null. */
  readonly group: string | null;
  /** First and last event of the burst; null for outcomes from a replay summary, which have no time. */
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly count: number;
  readonly events: readonly string[];
};

/**
 * Every candidate the rules raise over the feeds. A burst is the union of every window of the
 * rule's length, ending at a matching event, that holds at least `threshold` matching events;
 * overlapping windows merge. So adding events can only grow or merge bursts, never remove one.
 */
export function detectAnomalies(ruleSet: RuleSet, events: readonly FeedEvent[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const rule of ruleSet.rules) {
    const clause = clauseFor[ruleSet.party][rule.source] ?? rule.source;
    const groups = new Map<string | null, FeedEvent[]>();
    for (const event of events) {
      if (!matches(rule, event)) continue;
      const key = rule.per === undefined ? null : (event[rule.per] ?? null);
      const list = groups.get(key);
      if (list) list.push(event);
      else groups.set(key, [event]);
    }
    for (const [group, matched] of groups) {
      for (const burst of bursts(rule, matched)) {
        candidates.push({ rule: rule.id, clause, respond: responseClause[ruleSet.party], group, ...burst });
      }
    }
  }
  return candidates;
}

function matches(rule: AnomalyRule, event: FeedEvent): boolean {
  if (event.source !== rule.source) return false;
  const { outcome, breach, code } = rule.match;
  return (
    (outcome === undefined || event.outcome === outcome) &&
    (breach === undefined || event.breach === breach) &&
    (code === undefined || event.code === code)
  );
}

type Burst = Pick<Candidate, "window" | "count" | "events">;

function bursts(rule: AnomalyRule, matched: readonly FeedEvent[]): Burst[] {
  const untimed = matched.filter((e) => e.time === undefined);
  const timed = matched.filter((e): e is FeedEvent & { time: number } => e.time !== undefined);
  timed.sort((a, b) => a.time - b.time);
  const found: Burst[] = [];
  // Outcomes without a time are one batch: the replay they came from is the only window known.
  if (untimed.length >= rule.threshold) {
    found.push({ window: null, count: untimed.length, events: untimed.map((e) => e.at) });
  }
  let start = 0;
  let open: { from: number; to: number } | undefined;
  const close = () => {
    if (!open) return;
    const { from, to } = open;
    const inside = timed.slice(from, to + 1);
    found.push({
      window: { from: formatUtc(inside[0]!.time), to: formatUtc(inside[inside.length - 1]!.time) },
      count: inside.length,
      events: inside.map((e) => e.at),
    });
    open = undefined;
  };
  for (let end = 0; end < timed.length; end++) {
    const t = timed[end]!.time;
    while (timed[start]!.time <= t - rule.windowMs) start++;
    if (end - start + 1 < rule.threshold) continue;
    if (open && timed[start]!.time <= timed[open.to]!.time) open.to = end;
    else {
      close();
      open = { from: start, to: end };
    }
  }
  close();
  return found;
}
