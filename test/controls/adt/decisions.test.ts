import { describe, expect, it } from "vitest";
import { assess, createAdtState, decide, record, settle } from "../../../src/controls/adt/engine.js";
import { dccThreshold, request, userA, userB, userThreshold } from "./builders.js";

/**
 * A User's decision on a quarantined request (G6.5, the Threshold Anomaly Detection Procedures;
 * contract adt.md: counts exclude "requests already deleted").
 */
describe("Users' decisions on quarantined requests", () => {
  // adt.md: a deleted request leaves every window, so later requests are judged as if it never came.
  it("judges later requests as if a deleted request never arrived", () => {
    const thresholds = [userThreshold({ quarantine: 2 }, { periodS: 60 })];
    const state = createAdtState(thresholds);
    const stream = [request(0), request(1), request(2), request(3)];
    const decisions = stream.map((r) => decide(state, r));
    expect(decisions.map((d) => d.outcome)).toEqual(["processed", "processed", "quarantined", "quarantined"]);
    settle(state, stream[2]!, "delete");
    settle(state, stream[3]!, "delete");
    const never = createAdtState(thresholds);
    for (const r of stream.slice(0, 2)) decide(never, r);
    const next = request(4);
    expect(assess(state, next)).toEqual(assess(never, next));
    expect(assess(state, next).outcome).toBe("quarantined");
    // Once the first one leaves the window, the next fits again — as it would without the deleted ones.
    expect(decide(state, request(60.5)).outcome).toBe("processed");
  });

  // adt.md: a processed (released) request was received and still counts.
  it("keeps a processed request counted", () => {
    const state = createAdtState([userThreshold({ quarantine: 1 }, { periodS: 60 })]);
    const first = request(0);
    const second = request(1);
    decide(state, first);
    expect(decide(state, second).outcome).toBe("quarantined");
    settle(state, second, "process");
    settle(state, first, "delete", false);
    // With the first gone, the released second alone is in the window: one more is one too many.
    expect(decide(state, request(2)).outcome).toBe("quarantined");
  });

  // G6.6(a): a User's deletion also leaves the DCC-wide window, which counts all Users together.
  it("takes a deleted request out of the DCC window as well", () => {
    const thresholds = [
      dccThreshold(2, { periodS: 60 }),
      userThreshold({ quarantine: 0 }, { userId: userB }),
    ];
    const state = createAdtState(thresholds);
    const fromB = request(0, { userId: userB });
    expect(decide(state, fromB).outcome).toBe("quarantined");
    decide(state, request(1, { userId: userA }));
    expect(assess(state, request(2, { userId: userA }))).toMatchObject({ breach: "dcc-threshold" });
    settle(state, fromB, "delete");
    expect(decide(state, request(2, { userId: userA })).outcome).toBe("processed");
  });

  // adt.md (nothing lost across a crash): recording the log, then settling the decisions made
  // since, gives the state the live engine has.
  it("rebuilds to the live state from the log and the decisions", () => {
    const thresholds = [userThreshold({ quarantine: 3 }, { periodS: 30 }), dccThreshold(5, { periodS: 30 })];
    const live = createAdtState(thresholds);
    const stream = Array.from({ length: 40 }, (_, i) => request(i, { userId: i % 3 === 0 ? userB : userA }));
    const log = [];
    const deleted = [];
    for (const r of stream) {
      const decision = decide(live, r);
      log.push({ request: r, decision });
      if (decision.outcome === "quarantined" && r.time % 2000 === 0) {
        settle(live, r, "delete");
        deleted.push(r);
      }
    }
    expect(deleted.length).toBeGreaterThan(0);
    const rebuilt = createAdtState(thresholds);
    for (const entry of log) record(rebuilt, entry.request, entry.decision);
    for (const r of deleted) settle(rebuilt, r, "delete");
    for (const at of [40, 41, 45]) {
      for (const userId of [userA, userB]) {
        const next = request(at, { userId });
        expect(assess(rebuilt, next)).toEqual(assess(live, next));
      }
    }
  });
});
