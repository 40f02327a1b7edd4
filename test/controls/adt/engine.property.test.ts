import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAdtState, type Decision, decide } from "../../../src/controls/adt/engine.js";
import type { AdtRequest } from "../../../src/controls/adt/request.js";
import type { CountThreshold, Measure, Threshold } from "../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs, serviceRequest } from "../../../src/controls/duis/service-requests.js";
import { userA, userB, userC } from "./builders.js";

/**
 * The ring-buffer engine against a naive reference that keeps every request and recounts each
 * window from scratch, written straight from adt.md. Random streams mix users, SRVs, Command
 * Variants, SMETS1 targets, equal times and attribute values. The reference matches User IDs
 * as plain text, so the streams also carry User IDs one character away from another's (the
 * engine reads canonical ones as integers) and enough Users to crowd its lookup table.
 */

const threeUsers = [userA, userB, userC];
/** Text the engine must not confuse with userA: lower case, other separators, a character above ASCII whose low 7 bits spell "0", one character too many. */
const nearUsers = [
  userA,
  userA.toLowerCase(),
  userA.replaceAll("-", ":"),
  `\u00b0${userA.slice(1)}`,
  `${userA}0`,
  "90-B3-D5-1F-30-01-00-0G",
];
const manyUsers = Array.from(
  { length: 48 },
  (_, i) =>
    `90-B3-D5-1F-${(i >> 4).toString(16).toUpperCase()}0-${(i & 15).toString(16).toUpperCase()}1-00-00`,
);
// A critical SRV, an encrypted-response SRV and a critical SRV with data values.
const srvs = ["7.2", "4.1.1", "1.2.1"];
const encrypted = new Set(defaultEncryptedResponseSrvs);

function naiveDecisions(thresholds: readonly Threshold[], requests: readonly AdtRequest[]): Decision[] {
  const kept: AdtRequest[] = [];
  const byIndex = [...thresholds].sort((a, b) => a.index - b.index);
  const applies = (t: Threshold, r: AdtRequest) =>
    t.srv === r.srv && (t.scope.kind === "dcc" || t.scope.userId === r.userId);
  const counts = (measure: Measure, r: AdtRequest) => {
    const critical = serviceRequest(r.srv)?.critical === true;
    if (measure === "all") return true;
    if (measure === "encrypted") return encrypted.has(r.srv);
    return critical && (r.smets1 || [5, 6, 7].includes(r.commandVariant));
  };
  const over = (t: CountThreshold, r: AdtRequest, level: number | undefined) => {
    if (level === undefined || !applies(t, r) || !counts(t.measure, r)) return false;
    const earlier = kept.filter((k) => applies(t, k) && counts(t.measure, k) && k.time > r.time - t.periodMs);
    return earlier.length + 1 > level;
  };

  return requests.map((r): Decision => {
    let decision: Decision | undefined;
    for (const t of byIndex) {
      if (t.kind !== "attribute" || !applies(t, r) || !(t.value in r.values)) continue;
      const v = r.values[t.value]!;
      if (
        (t.bounds.min !== undefined && v < t.bounds.min) ||
        (t.bounds.max !== undefined && v > t.bounds.max)
      ) {
        decision = r.smets1
          ? { outcome: "deleted", breach: "attribute-limits", threshold: t.index, notifyUser: true }
          : { outcome: "quarantined", breach: "attribute-limits", threshold: t.index };
        break;
      }
    }
    const counted = byIndex.filter((t): t is CountThreshold => t.kind === "count");
    decision ??= (() => {
      const user = counted.find((t) => t.scope.kind === "user" && over(t, r, t.levels.quarantine));
      if (user) return { outcome: "quarantined", breach: "user-threshold", threshold: user.index } as const;
      const dcc = counted.find((t) => t.scope.kind === "dcc" && over(t, r, t.levels.quarantine));
      if (dcc) return { outcome: "quarantined", breach: "dcc-threshold", threshold: dcc.index } as const;
      const warn = counted.find(
        (t) => t.scope.kind === "user" && over(t, r, "warning" in t.levels ? t.levels.warning : undefined),
      );
      if (warn) return { outcome: "processed", warned: true, threshold: warn.index } as const;
      return { outcome: "processed", warned: false } as const;
    })();
    if (decision.outcome !== "deleted") kept.push(r);
    return decision;
  });
}

const measureFor = (srv: string): fc.Arbitrary<Measure> =>
  srv === "4.1.1" ? fc.constantFrom("encrypted", "all") : fc.constantFrom("critical", "all");

const countThreshold = (users: readonly string[]): fc.Arbitrary<Threshold> =>
  fc
    .constantFrom(...srvs)
    .chain((srv) =>
      fc.record({
        srv: fc.constant(srv),
        measure: measureFor(srv),
        periodMs: fc.integer({ min: 1, max: 20 }).map((s) => s * 1000),
        user: fc.option(fc.constantFrom(...users), { nil: undefined }),
        a: fc.integer({ min: 0, max: 5 }),
        b: fc.integer({ min: 0, max: 5 }),
        shape: fc.constantFrom("warning", "quarantine", "both"),
      }),
    )
    .map(({ srv, measure, periodMs, user, a, b, shape }): Threshold => {
      const base = { kind: "count", index: 0, srv, measure, periodMs } as const;
      if (user === undefined) return { ...base, scope: { kind: "dcc" }, levels: { quarantine: a } };
      const [low, high] = a <= b ? [a, b] : [b, a];
      const levels =
        shape === "warning"
          ? { warning: a }
          : shape === "quarantine"
            ? { quarantine: a }
            : { warning: low, quarantine: high };
      return { ...base, scope: { kind: "user", userId: user }, levels };
    });

const attributeLimit = (users: readonly string[]): fc.Arbitrary<Threshold> =>
  fc
    .record({
      user: fc.option(fc.constantFrom(...users), { nil: undefined }),
      min: fc.integer({ min: -6, max: 0 }),
      max: fc.integer({ min: 0, max: 6 }),
    })
    .map(({ user, min, max }) => ({
      kind: "attribute",
      index: 0,
      scope: user === undefined ? { kind: "dcc" } : { kind: "user", userId: user },
      srv: "1.2.1",
      value: "price",
      bounds: { min, max },
    }));

const thresholdsArb = (users: readonly string[] = threeUsers, maxLength = 6) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: countThreshold(users) },
        { weight: 1, arbitrary: attributeLimit(users) },
      ),
      { minLength: 1, maxLength },
    )
    .map((list) => list.map((t, index) => ({ ...t, index })));

const requestsArb = (users: readonly string[] = threeUsers) =>
  fc
    .array(
      fc.record({
        step: fc.constantFrom(0, 0, 500, 1000, 1000, 3000, 7000),
        userId: fc.constantFrom(...users),
        srv: fc.constantFrom(...srvs),
        cvPick: fc.nat(),
        smets1: fc.boolean(),
        price: fc.option(fc.integer({ min: -10, max: 10 }), { nil: undefined }),
      }),
      { maxLength: 120, size: "max" },
    )
    .map((rows) => {
      let time = Date.UTC(2025, 0, 1);
      return rows.map((row, i): AdtRequest => {
        time += row.step;
        const variants = serviceRequest(row.srv)!.commandVariants;
        return {
          requestId: `${row.userId}:00-DB-12-34-56-78-90-A0:${i}`,
          userId: row.userId,
          srv: row.srv,
          commandVariant: variants[row.cvPick % variants.length]!,
          time,
          smets1: row.smets1,
          values: row.price === undefined ? {} : { price: row.price },
        };
      });
    });

describe("engine against a naive recount", () => {
  // G6.1(d), G6.3(a), G6.4A, G6.6(a)-(b): every decision on random streams matches the reference.
  it("decides every request exactly as a full recount of each window would", () => {
    fc.assert(
      fc.property(thresholdsArb(), requestsArb(), (thresholds, requests) => {
        const state = createAdtState(thresholds);
        const decisions = requests.map((r) => decide(state, r));
        expect(decisions).toEqual(naiveDecisions(thresholds, requests));
      }),
      { numRuns: 400 },
    );
  });

  // G6.3: thresholds are per User ID, so only a request from exactly that User ID counts.
  it("tells apart User IDs that differ in one character, however they are written", () => {
    fc.assert(
      fc.property(thresholdsArb(nearUsers), requestsArb(nearUsers), (thresholds, requests) => {
        const state = createAdtState(thresholds);
        expect(requests.map((r) => decide(state, r))).toEqual(naiveDecisions(thresholds, requests));
      }),
      { numRuns: 300 },
    );
  });

  // G6.3: with many Users, each still finds its own thresholds, in file order.
  it("decides as the reference with many Users and thresholds", () => {
    fc.assert(
      fc.property(thresholdsArb(manyUsers, 60), requestsArb(manyUsers), (thresholds, requests) => {
        const state = createAdtState(thresholds);
        expect(requests.map((r) => decide(state, r))).toEqual(naiveDecisions(thresholds, requests));
      }),
      { numRuns: 150 },
    );
  });

  // adt.md: a replay of the same input gives the same output.
  it("is deterministic on random streams", () => {
    fc.assert(
      fc.property(thresholdsArb(), requestsArb(), (thresholds, requests) => {
        const a = createAdtState(thresholds);
        const b = createAdtState(thresholds);
        expect(requests.map((r) => decide(a, r))).toEqual(requests.map((r) => decide(b, r)));
      }),
      { numRuns: 100 },
    );
  });
});
