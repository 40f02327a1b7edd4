import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { assess, createAdtState, type Decision, decide, record } from "../../../src/controls/adt/engine.js";
import type { AdtRequest } from "../../../src/controls/adt/request.js";
import type { Threshold } from "../../../src/controls/adt/thresholds.js";
import { dccThreshold, priceLimit, request, userA, userB, userC, userThreshold } from "./builders.js";

function run(thresholds: readonly Threshold[], requests: readonly AdtRequest[], encryptedSrvs?: string[]) {
  const state = createAdtState(thresholds, encryptedSrvs ? { encryptedSrvs } : {});
  return requests.map((r) => decide(state, r));
}

const outcomes = (decisions: readonly Decision[]) =>
  decisions.map((d) =>
    d.outcome === "processed" ? (d.warned ? "warned" : "processed") : `${d.outcome}:${d.breach}`,
  );

describe("count windows (adt.md: (t − period, t], this request included)", () => {
  // G6.3(a)(i): a User's threshold on Critical Commands for one SRV, over a period.
  it("leaves out a request exactly one period old and counts one just inside", () => {
    const threshold = userThreshold({ quarantine: 1 }, { periodS: 10 });
    expect(outcomes(run([threshold], [request(0), request(10)]))).toEqual(["processed", "processed"]);
    expect(outcomes(run([threshold], [request(0), request(9.999)]))).toEqual([
      "processed",
      "quarantined:user-threshold",
    ]);
  });

  // G6.3(a)(i): requests received at the same instant all fall in each other's window.
  it("counts requests with equal times, deciding them in input order", () => {
    const threshold = userThreshold({ quarantine: 2 }, { periodS: 60 });
    const stream = [request(5), request(5), request(5), request(5)];
    const decisions = run([threshold], stream);
    expect(outcomes(decisions)).toEqual([
      "processed",
      "processed",
      "quarantined:user-threshold",
      "quarantined:user-threshold",
    ]);
  });

  // G6.3: breached when the count is above the level, not at it.
  it("lets the request that reaches the level through and stops the one above it", () => {
    const decisions = run(
      [userThreshold({ quarantine: 3 })],
      [request(0), request(1), request(2), request(3)],
    );
    expect(outcomes(decisions)).toEqual([
      "processed",
      "processed",
      "processed",
      "quarantined:user-threshold",
    ]);
  });

  // G6.4A: a threshold of zero for an untested Critical Service Request stops every one.
  it("quarantines every counted request under a zero threshold", () => {
    const decisions = run([userThreshold({ quarantine: 0 })], [request(0), request(100), request(200_000)]);
    expect(outcomes(decisions)).toEqual(Array(3).fill("quarantined:user-threshold"));
  });

  // G6.4A with G6.3(a)(i): a Pre-Command request (CV 4) to a SMETS2+ Device is not a Critical Command.
  it("does not apply a zero critical threshold to requests it does not count", () => {
    const decisions = run(
      [userThreshold({ quarantine: 0 })],
      [request(0, { cv: 4 }), request(1, { srv: "7.1" })],
    );
    expect(outcomes(decisions)).toEqual(["processed", "processed"]);
  });

  // G6.10(c): thresholds on the same key with different periods each keep their own window.
  it("keeps a separate window for each threshold on the same key", () => {
    const hourly = userThreshold({ quarantine: 2 }, { periodS: 3600, index: 0 });
    const daily = userThreshold({ quarantine: 3 }, { periodS: 86_400, index: 1 });
    const stream = [request(0), request(1), request(4000), request(8000), request(8001)];
    const decisions = run([hourly, daily], stream);
    expect(decisions.map((d) => (d.outcome === "quarantined" ? d.threshold : "-"))).toEqual([
      "-",
      "-",
      "-",
      1,
      1,
    ]);
  });
});

describe("levels and their order (adt.md: attribute limits, user quarantine, DCC, user warning)", () => {
  // G6.1(d)(ii) and the TADP's warning level: warned requests are processed as normal.
  it("warns above the warning level and quarantines above the quarantine level", () => {
    const decisions = run(
      [userThreshold({ warning: 1, quarantine: 3 })],
      [0, 1, 2, 3, 4].map((s) => request(s)),
    );
    expect(outcomes(decisions)).toEqual([
      "processed",
      "warned",
      "warned",
      "quarantined:user-threshold",
      "quarantined:user-threshold",
    ]);
  });

  // G6.6(a)(i): the DCC's threshold counts the SRV's Critical Commands from all Users together.
  it("applies a DCC threshold across several User IDs", () => {
    const stream = [
      request(0, { userId: userA }),
      request(1, { userId: userB }),
      request(2, { userId: userC }),
      request(3, { userId: userB }),
    ];
    expect(outcomes(run([dccThreshold(2)], stream))).toEqual([
      "processed",
      "processed",
      "quarantined:dcc-threshold",
      "quarantined:dcc-threshold",
    ]);
  });

  // G6.3 before G6.6: the User's own quarantine level is reported ahead of the DCC's.
  it("names the user threshold when both the user and the DCC levels are breached", () => {
    const thresholds = [dccThreshold(0, { index: 0 }), userThreshold({ quarantine: 0 }, { index: 1 })];
    expect(run(thresholds, [request(0)])).toEqual([
      { outcome: "quarantined", breach: "user-threshold", threshold: 1 },
    ]);
  });

  // G6.6 before the User's warning: a DCC quarantine is not reported as a warning.
  it("quarantines on the DCC level before looking at a user warning", () => {
    const thresholds = [userThreshold({ warning: 0 }, { index: 0 }), dccThreshold(1, { index: 1 })];
    expect(outcomes(run(thresholds, [request(0), request(1)]))).toEqual([
      "warned",
      "quarantined:dcc-threshold",
    ]);
  });

  // G6.1(d)(i): a SMETS1 request with a value outside a limit is deleted and its User notified.
  it("deletes a SMETS1 request outside an attribute limit", () => {
    const decisions = run(
      [priceLimit(0, 100)],
      [request(0, { srv: "1.2.1", smets1: true, values: { price: 101 } })],
    );
    expect(decisions).toEqual([
      { outcome: "deleted", breach: "attribute-limits", threshold: 0, notifyUser: true },
    ]);
  });

  // G6.1(d)(ii): any other request outside an attribute limit is quarantined.
  it("quarantines a SMETS2+ request outside an attribute limit, and checks limits before counts", () => {
    const thresholds = [priceLimit(0, 100, 1), userThreshold({ quarantine: 0 }, { srv: "1.2.1", index: 0 })];
    const decisions = run(thresholds, [request(0, { srv: "1.2.1", values: { price: -1 } })]);
    expect(outcomes(decisions)).toEqual(["quarantined:attribute-limits"]);
  });

  // G6.6(b): limits are inclusive, and a request without the named value is not checked.
  it("accepts values on the bounds and requests that carry no such value", () => {
    const stream = [
      request(0, { srv: "1.2.1", values: { price: 0 } }),
      request(1, { srv: "1.2.1", values: { price: 100 } }),
      request(2, { srv: "1.2.1", values: { other: 1e9 } }),
      request(3, { srv: "1.2.1" }),
    ];
    expect(outcomes(run([priceLimit(0, 100)], stream))).toEqual(Array(4).fill("processed"));
  });

  // G6.1(d): a user-scope attribute limit applies to that User ID only.
  it("applies a user attribute limit to its own User ID only", () => {
    const limit: Threshold = {
      kind: "attribute",
      index: 0,
      scope: { kind: "user", userId: userB },
      srv: "1.2.1",
      value: "price",
      bounds: { max: 10 },
    };
    const stream = [
      request(0, { srv: "1.2.1", userId: userA, values: { price: 50 } }),
      request(1, { srv: "1.2.1", userId: userB, values: { price: 50 } }),
    ];
    expect(outcomes(run([limit], stream))).toEqual(["processed", "quarantined:attribute-limits"]);
  });
});

describe("what is counted", () => {
  // G6.3(a)(i): for SMETS1 every request for a critical SRV counts, whatever its Command Variant.
  it("counts every critical-SRV request to a SMETS1 target, but only CV 5–7 to others", () => {
    const threshold = userThreshold({ quarantine: 0 });
    const stream = [request(0, { cv: 4 }), request(1, { cv: 4, smets1: true }), request(2, { cv: 6 })];
    expect(outcomes(run([threshold], stream))).toEqual([
      "processed",
      "quarantined:user-threshold",
      "quarantined:user-threshold",
    ]);
  });

  // G6.3(a)(ii): `encrypted` counts SRVs with encrypted responses; the list can be replaced.
  it("counts encrypted-response SRVs from the default list or the caller's", () => {
    const onRead = userThreshold({ quarantine: 0 }, { srv: "4.1.1", measure: "encrypted" });
    const read = request(0, { srv: "4.1.1", cv: 1 });
    expect(outcomes(run([onRead], [read]))).toEqual(["quarantined:user-threshold"]);
    expect(outcomes(run([onRead], [read], ["4.3"]))).toEqual(["processed"]);
  });

  // G6.3(b): an `all` threshold counts every request for the SRV.
  it("counts every request for the SRV under `all`", () => {
    const threshold = userThreshold({ quarantine: 1 }, { srv: "7.4", measure: "all" });
    const stream = [request(0, { srv: "7.4", cv: 1 }), request(1, { srv: "7.4", cv: 2, smets1: true })];
    expect(outcomes(run([threshold], stream))).toEqual(["processed", "quarantined:user-threshold"]);
  });

  // G6.1(d)(i): a deleted request is gone, so it counts toward no threshold.
  it("does not count deleted requests", () => {
    const thresholds = [priceLimit(0, 100, 0), userThreshold({ quarantine: 1 }, { srv: "1.2.1", index: 1 })];
    const stream = [
      request(0, { srv: "1.2.1", smets1: true, values: { price: 500 } }),
      request(1, { srv: "1.2.1", smets1: true, values: { price: 500 } }),
      request(2, { srv: "1.2.1", values: { price: 5 } }),
    ];
    expect(outcomes(run(thresholds, stream))).toEqual([
      "deleted:attribute-limits",
      "deleted:attribute-limits",
      "processed",
    ]);
  });

  // A1 "Threshold Anomaly Detection" counts what the DCC receives: a quarantined request still counts.
  it("counts quarantined requests, so a sustained burst stays quarantined", () => {
    const threshold = userThreshold({ quarantine: 1 }, { periodS: 10 });
    // At 12 s only the quarantined request from 5 s is in the window besides this one.
    expect(outcomes(run([threshold], [request(0), request(5), request(12)]))).toEqual([
      "processed",
      "quarantined:user-threshold",
      "quarantined:user-threshold",
    ]);
  });

  // G6.3 and G6.6 side by side: a DCC threshold never changes when a User's threshold fires.
  it("keeps user windows independent of DCC thresholds", () => {
    const user = userThreshold({ quarantine: 2 }, { periodS: 30, index: 0 });
    const stream = Array.from({ length: 40 }, (_, i) =>
      request(i * 3, { userId: i % 3 === 0 ? userB : userA, smets1: i % 5 === 0 }),
    );
    const userOnly = run([user], stream);
    const withDcc = run([user, dccThreshold(3, { periodS: 20, index: 1 })], stream);
    const userBreaches = (ds: Decision[]) =>
      ds.map((d) => d.outcome === "quarantined" && d.breach === "user-threshold");
    expect(userBreaches(withDcc)).toEqual(userBreaches(userOnly));
    expect(withDcc.some((d) => d.outcome === "quarantined" && d.breach === "dcc-threshold")).toBe(true);
  });
});

describe("determinism and state", () => {
  const thresholds = [
    userThreshold({ warning: 1, quarantine: 2 }, { periodS: 20 }),
    dccThreshold(4, { periodS: 15 }),
  ];
  const stream = Array.from({ length: 60 }, (_, i) =>
    request(Math.floor(i / 2) * 2, { userId: [userA, userB, userC][i % 3]! }),
  );

  // adt.md: a replay of the same input gives the same output.
  it("gives the same decisions on every replay", () => {
    expect(run(thresholds, stream)).toEqual(run(thresholds, stream));
  });

  // adt.md (nothing is lost across a crash): a state rebuilt from the decision log decides alike.
  it("rebuilds its state by recording a log of decisions", () => {
    const live = createAdtState(thresholds);
    const log = stream.map((r) => ({ request: r, decision: decide(live, r) }));
    const rebuilt = createAdtState(thresholds);
    for (const entry of log) record(rebuilt, entry.request, entry.decision);
    const next = request(120, { userId: userB });
    expect(assess(rebuilt, next)).toEqual(assess(live, next));
  });

  // adt.md: requests are decided in time order.
  it("refuses a request earlier than the one before", () => {
    const state = createAdtState(thresholds);
    decide(state, request(10));
    expect(() => decide(state, request(9))).toThrow(InputError);
  });

  // G6.2: only the thresholds that were set apply; other SRVs pass untouched.
  it("processes requests for SRVs without thresholds", () => {
    expect(outcomes(run(thresholds, [request(0, { srv: "4.1.1", cv: 1 })]))).toEqual(["processed"]);
  });
});
