import type { AdtRequest } from "../../../src/controls/adt/request.js";
import type { CountThreshold, Measure, Threshold, UserLevels } from "../../../src/controls/adt/thresholds.js";
import type { CommandVariant } from "../../../src/controls/duis/service-requests.js";

/** Small builders so each test reads as the scenario it checks. Times are in seconds from T0. */
export const T0 = Date.UTC(2025, 2, 1, 10);
export const userA = "90-B3-D5-1F-30-01-00-00";
export const userB = "90-B3-D5-1F-30-02-00-00";
export const userC = "90-B3-D5-1F-30-03-00-00";

let counter = 1000;

export function request(
  at: number,
  fields: Partial<Omit<AdtRequest, "time">> & { cv?: CommandVariant } = {},
): AdtRequest {
  const userId = fields.userId ?? userA;
  const { cv, ...rest } = fields;
  return {
    requestId: `${userId}:00-DB-12-34-56-78-90-A0:${counter++}`,
    userId,
    srv: "7.2",
    commandVariant: cv ?? 5,
    smets1: false,
    values: {},
    ...rest,
    time: T0 + at * 1000,
  };
}

type CountSpec = { srv?: string; measure?: Measure; periodS?: number; index?: number };

export function userThreshold(
  levels: UserLevels,
  spec: CountSpec & { userId?: string } = {},
): CountThreshold {
  return {
    kind: "count",
    index: spec.index ?? 0,
    srv: spec.srv ?? "7.2",
    measure: spec.measure ?? "critical",
    periodMs: (spec.periodS ?? 86_400) * 1000,
    scope: { kind: "user", userId: spec.userId ?? userA },
    levels,
  };
}

export function dccThreshold(quarantine: number, spec: CountSpec = {}): CountThreshold {
  return {
    kind: "count",
    index: spec.index ?? 0,
    srv: spec.srv ?? "7.2",
    measure: spec.measure ?? "critical",
    periodMs: (spec.periodS ?? 86_400) * 1000,
    scope: { kind: "dcc" },
    levels: { quarantine },
  };
}

export function priceLimit(min: number, max: number, index = 0, srv = "1.2.1"): Threshold {
  return { kind: "attribute", index, scope: { kind: "dcc" }, srv, value: "price", bounds: { min, max } };
}
