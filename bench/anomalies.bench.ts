import { detectAnomalies } from "../src/controls/anomalies/detect.js";
import type { FeedEvent } from "../src/controls/anomalies/feed.js";
import type { RuleSet } from "../src/controls/anomalies/rules.js";
import { type Bench, rate } from "./harness.js";

/*
 * Sliding-window detection over device audit events, against the naive approach: for each event,
 * count the matching events of its device in the window ending there by scanning back through all
 * earlier ones.
 */
const devices = 200;
const count = 20_000;
const windowMs = 10 * 60_000;
const events: FeedEvent[] = Array.from({ length: count }, (_, i) => ({
  source: "device-audit",
  time: Date.UTC(2026, 0, 1) + i * 1_000,
  device: `d${(i * 7919) % devices}`,
  code: i % 3 === 0 ? "8F35" : "0001",
  at: `feed:${i + 1}`,
}));
const rules: RuleSet = {
  party: "supplier",
  rules: [
    { id: "tamper", source: "device-audit", match: { code: "8F35" }, threshold: 3, windowMs, per: "device" },
  ],
};

function naive(): number {
  const matched = events.filter((e) => e.code === "8F35");
  let hits = 0;
  for (let i = 0; i < matched.length; i++) {
    const e = matched[i]!;
    let n = 0;
    for (let j = 0; j <= i; j++) {
      const o = matched[j]!;
      if (o.device === e.device && o.time! > e.time! - windowMs) n++;
    }
    if (n >= 3) hits++;
  }
  return hits;
}

export const anomaliesBenches: readonly Bench[] = [
  {
    name: "anomalies.detect",
    run: () => {
      const value = rate(() => {
        detectAnomalies(rules, events);
        return count;
      }, 300);
      const baseline = rate(() => {
        naive();
        return count;
      }, 300);
      return {
        name: "anomalies.detect",
        unit: "events/s",
        value,
        baseline: { name: "naive rescan per event", value: baseline },
        notes: { events: count, devices },
      };
    },
  },
];
