import { InputError } from "../../common/input-error.js";
import { defaultEncryptedResponseSrvs, serviceRequest } from "../duis/service-requests.js";
import type { AdtRequest } from "./request.js";
import type { AttributeLimit, CountThreshold, Measure, Threshold } from "./thresholds.js";
import { maxCapacity, ownerOffset, rowInts, WindowPool } from "./window.js";

/**
 * The Threshold Anomaly Detection engine (G6, ../shared/contracts/adt.md). Each request is
 * decided in time order against, first, the attribute limits on its data values; then the
 * User's quarantine levels; then the DCC's levels; then the User's warning levels — stopping at
 * the first that applies.
 *
 * Counting: a window counts every request its threshold measures that was not deleted —
 * processed and quarantined alike, for User and DCC keys the same way. A quarantined request
 * was still received under that User ID, and Threshold Anomaly Detection counts what the DCC
 * receives; it is held, not gone, and may yet be processed. Counting it also keeps each
 * window's count independent of every other threshold's outcome, so adding a DCC threshold
 * never changes when a User's threshold fires. Only deletion removes a request from every
 * count: a SMETS1 request outside an attribute limit is deleted before it is counted, and a
 * quarantined request its User deletes is taken out again (`settle`), so later requests are
 * judged as if it had never arrived (contract: "excluding requests already deleted").
 *
 * The state is explicit and plain: `decide` is `assess` (pure in effect) followed by `record`
 * (which adds the request to its windows unless it was deleted), so the state can be rebuilt
 * by recording a log of past requests with their logged decisions, then settling the
 * quarantined ones their Users have decided since.
 */

export type Breach = "user-threshold" | "dcc-threshold" | "attribute-limits";

export type Decision =
  | { readonly outcome: "processed"; readonly warned: false }
  /** Over a User's warning level: processed as normal, and reported. */
  | { readonly outcome: "processed"; readonly warned: true; readonly threshold: number }
  | { readonly outcome: "quarantined"; readonly breach: Breach; readonly threshold: number }
  /** A SMETS1 request outside an attribute limit: deleted, and the User told so (G6.1(d)(i)). */
  | {
      readonly outcome: "deleted";
      readonly breach: "attribute-limits";
      readonly threshold: number;
      readonly notifyUser: true;
    };

export type EngineOptions = {
  /** SRVs whose responses are GBCS-encrypted; defaults to `defaultEncryptedResponseSrvs`. */
  readonly encryptedSrvs?: readonly string[];
};

/**
 * Each count threshold is a numbered key: a window of the state's pool, whose row also holds
 * the threshold's own fields (below), so a request reaches everything it needs about one
 * threshold in one cache line, and the thresholds on one (User ID, SRV) or on one SRV for the
 * DCC are a list linked through those rows in file order. This, not the arithmetic, is what
 * bounds the engine's speed once keys number in the tens of thousands.
 */
const NEXT = ownerOffset;
/** The measure as a bit, matched against a request's `countedBy` mask. */
const MEASURE = ownerOffset + 1;
/** The levels; -1 when the threshold has no such level. */
const WARNING = ownerOffset + 2;
const QUARANTINE = ownerOffset + 3;
const end = -1;

type SrvRules = {
  readonly critical: boolean;
  /** Whether any attribute limit is set for the SRV, so requests without one skip the check. */
  hasLimits: boolean;
  readonly encrypted: boolean;
  /** The first DCC count key for the SRV, or `end`. */
  dccCounts: number;
  /** The first count key of each User ID's thresholds on the SRV. */
  readonly userCounts: Map<string, number>;
  readonly dccLimits: AttributeLimit[];
  readonly userLimits: Map<string, AttributeLimit[]>;
};

export type AdtState = {
  readonly bySrv: ReadonlyMap<string, SrvRules>;
  /** Every count threshold's window, numbered as the keys are. */
  readonly windows: WindowPool;
  /**
   * The decisions each key gives, made once so deciding allocates nothing: key k's
   * quarantine at 2k, its warning at 2k + 1.
   */
  readonly decisions: readonly Decision[];
  /** Time of the latest recorded request; requests must not go back before it. */
  lastTime: number;
};

const none: readonly never[] = [];

export function createAdtState(thresholds: readonly Threshold[], options: EngineOptions = {}): AdtState {
  const encrypted = new Set(options.encryptedSrvs ?? defaultEncryptedResponseSrvs);
  const bySrv = new Map<string, SrvRules>();
  const windows = new WindowPool(thresholds.filter((t) => t.kind === "count").length);
  const decisions: Decision[] = [];
  const rulesFor = (srv: string): SrvRules => {
    let rules = bySrv.get(srv);
    if (!rules) {
      rules = {
        critical: serviceRequest(srv)?.critical ?? false,
        hasLimits: false,
        encrypted: encrypted.has(srv),
        dccCounts: end,
        userCounts: new Map(),
        dccLimits: [],
        userLimits: new Map(),
      };
      bySrv.set(srv, rules);
    }
    return rules;
  };
  // File order decides which threshold a decision names when several are breached at once.
  const ordered = [...thresholds].sort((a, b) => a.index - b.index);
  for (const threshold of ordered) {
    const rules = rulesFor(threshold.srv);
    if (threshold.kind === "attribute") {
      rules.hasLimits = true;
      if (threshold.scope.kind === "dcc") rules.dccLimits.push(threshold);
      else pushTo(rules.userLimits, threshold.scope.userId, threshold);
    } else {
      const key = countKey(windows, decisions, threshold);
      if (threshold.scope.kind === "dcc") rules.dccCounts = append(windows, rules.dccCounts, key);
      else {
        const { userId } = threshold.scope;
        rules.userCounts.set(userId, append(windows, rules.userCounts.get(userId) ?? end, key));
      }
    }
  }
  return { bySrv, windows, decisions, lastTime: Number.NEGATIVE_INFINITY };
}

function countKey(windows: WindowPool, decisions: Decision[], threshold: CountThreshold): number {
  const { levels } = threshold;
  const warning = "warning" in levels && levels.warning !== undefined ? levels.warning : -1;
  const quarantine = levels.quarantine ?? -1;
  const key = windows.create(threshold.periodMs, Math.max(warning, quarantine));
  const row = key * rowInts;
  const { ints } = windows;
  ints[row + NEXT] = end;
  ints[row + MEASURE] = measureBits[threshold.measure];
  // No window holds 2³¹ times (see WindowPool.create), so a higher level acts as that one.
  ints[row + WARNING] = Math.min(warning, maxCapacity);
  ints[row + QUARANTINE] = Math.min(quarantine, maxCapacity);
  const breach = threshold.scope.kind === "dcc" ? "dcc-threshold" : "user-threshold";
  decisions[2 * key] = { outcome: "quarantined", breach, threshold: threshold.index };
  decisions[2 * key + 1] = { outcome: "processed", warned: true, threshold: threshold.index };
  return key;
}

/** Adds `key` at the end of the list starting at `first`, and returns the list's start. */
function append(windows: WindowPool, first: number, key: number): number {
  if (first === end) return key;
  const { ints } = windows;
  let last = first;
  while (ints[last * rowInts + NEXT] !== end) last = ints[last * rowInts + NEXT]!;
  ints[last * rowInts + NEXT] = key;
  return first;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Decides one request and records it: the only way requests should enter a live state. */
export function decide(state: AdtState, request: AdtRequest): Decision {
  checkOrder(state, request);
  state.lastTime = request.time;
  const rules = state.bySrv.get(request.srv);
  if (!rules) return processed;
  const userKeys = rules.userCounts.get(request.userId) ?? end;
  const decision = judge(state, rules, userKeys, request);
  if (decision.outcome === "deleted") return decision;
  // A request let through without warning saw every window it counts in brought up to its time.
  const expired = decision === processed;
  count(state.windows, rules, userKeys, request, decision.outcome === "quarantined", expired);
  return decision;
}

/** The decision for `request` given the requests recorded so far; records nothing. */
export function assess(state: AdtState, request: AdtRequest): Decision {
  checkOrder(state, request);
  const rules = state.bySrv.get(request.srv);
  if (!rules) return processed;
  return judge(state, rules, rules.userCounts.get(request.userId) ?? end, request);
}

/** Adds a decided request to the windows that count it: every one its thresholds measure, unless it was deleted. */
export function record(state: AdtState, request: AdtRequest, decision: Decision): void {
  checkOrder(state, request);
  state.lastTime = request.time;
  const rules = state.bySrv.get(request.srv);
  if (!rules || decision.outcome === "deleted") return;
  const userKeys = rules.userCounts.get(request.userId) ?? end;
  count(state.windows, rules, userKeys, request, decision.outcome === "quarantined", false);
}

/** The User's decision on a quarantined request (G6.5): delete it, or let it be processed. */
export type UserDecision = "delete" | "process";

/**
 * Applies the User's decision on a request recorded in this state. `delete` takes it out of
 * every window that counted it; `process` leaves it counted, as a request that was let through.
 * Either way it no longer waits, so the room kept for its possible deletion is given back.
 * `held` says whether this state recorded the request as quarantined (a stage that saw a
 * verdict other than the final one recorded it as processed, and kept no room for it).
 * Costs O(level) per window counting it; the request's time is not checked against the order.
 */
export function settle(state: AdtState, request: AdtRequest, decision: UserDecision, held = true): void {
  const rules = state.bySrv.get(request.srv);
  if (!rules) return;
  const counted = countedBy(rules, request);
  const { windows } = state;
  const { ints } = windows;
  const settleIn = (first: number) => {
    for (let key = first; key !== end; key = ints[key * rowInts + NEXT]!) {
      if ((ints[key * rowInts + MEASURE]! & counted) === 0) continue;
      if (decision === "delete") windows.remove(key, request.time);
      const waiting = windows.held(key);
      if (held && waiting > 0) windows.setHeld(key, waiting - 1);
    }
  };
  settleIn(rules.userCounts.get(request.userId) ?? end);
  settleIn(rules.dccCounts);
}

function checkOrder(state: AdtState, request: AdtRequest): void {
  if (request.time < state.lastTime) {
    const previous = new Date(state.lastTime).toISOString();
    throw new InputError(
      {},
      `"time" no earlier than the previous request's (${previous}), since requests are decided in time order`,
    );
  }
}

function judge(state: AdtState, rules: SrvRules, userKeys: number, request: AdtRequest): Decision {
  if (rules.hasLimits) {
    const limit = firstBreachedLimit(rules, request);
    if (limit !== undefined) {
      return request.smets1
        ? { outcome: "deleted", breach: "attribute-limits", threshold: limit, notifyUser: true }
        : { outcome: "quarantined", breach: "attribute-limits", threshold: limit };
    }
  }
  const time = request.time;
  const counted = countedBy(rules, request);
  const { windows, decisions } = state;
  const { ints } = windows;
  // A count "including this one" exceeds level L exactly when L earlier ones are in the window.
  // The first pass brings each User window up to `time`, so the warning pass finds it there.
  for (let key = userKeys; key !== end; key = ints[key * rowInts + NEXT]!) {
    const row = key * rowInts;
    if ((ints[row + MEASURE]! & counted) !== 0) {
      const earlier = windows.countWithin(key, time);
      const quarantine = ints[row + QUARANTINE]!;
      if (quarantine >= 0 && earlier >= quarantine) return decisions[2 * key]!;
    }
  }
  for (let key = rules.dccCounts; key !== end; key = ints[key * rowInts + NEXT]!) {
    const row = key * rowInts;
    if ((ints[row + MEASURE]! & counted) !== 0 && windows.countWithin(key, time) >= ints[row + QUARANTINE]!) {
      return decisions[2 * key]!;
    }
  }
  for (let key = userKeys; key !== end; key = ints[key * rowInts + NEXT]!) {
    const row = key * rowInts;
    const warning = ints[row + WARNING]!;
    if (warning >= 0 && (ints[row + MEASURE]! & counted) !== 0 && windows.countWithin(key, time) >= warning) {
      return decisions[2 * key + 1]!;
    }
  }
  return processed;
}

/**
 * Counts the request in its windows; a quarantined one (`held`) keeps room to be deleted later.
 * `expired`: every window counting it was already brought up to its time.
 */
function count(
  windows: WindowPool,
  rules: SrvRules,
  userKeys: number,
  request: AdtRequest,
  held: boolean,
  expired: boolean,
): void {
  const counted = countedBy(rules, request);
  countIn(windows, userKeys, counted, request.time, held, expired);
  countIn(windows, rules.dccCounts, counted, request.time, held, expired);
}

/** `count` over one list of keys: the User's thresholds on the SRV, or the DCC's. */
function countIn(
  windows: WindowPool,
  first: number,
  counted: number,
  time: number,
  held: boolean,
  expired: boolean,
): void {
  const { ints } = windows;
  for (let key = first; key !== end; key = ints[key * rowInts + NEXT]!) {
    if ((ints[key * rowInts + MEASURE]! & counted) === 0) continue;
    if (held) windows.setHeld(key, windows.held(key) + 1);
    if (expired) windows.push(key, time);
    else windows.add(key, time);
  }
}

const processed: Decision = { outcome: "processed", warned: false };

/** Each measure as one bit, so a request's measures are worked out once, not once per threshold. */
const measureBits: Readonly<Record<Measure, number>> = { all: 1, encrypted: 2, critical: 4 };

/**
 * The measures that count this request, as a mask of `measureBits` (G6.3(a), G6.6(a)): Critical
 * Commands are critical SRVs sent signed (Command Variants 5–7); for a SMETS1 target every
 * request for a critical SRV counts, whatever its variant.
 */
function countedBy(rules: SrvRules, request: AdtRequest): number {
  let mask = measureBits.all;
  if (rules.encrypted) mask |= measureBits.encrypted;
  if (rules.critical && (request.smets1 || (request.commandVariant >= 5 && request.commandVariant <= 7))) {
    mask |= measureBits.critical;
  }
  return mask;
}

function firstBreachedLimit(rules: SrvRules, request: AdtRequest): number | undefined {
  let first: number | undefined;
  const check = (limits: readonly AttributeLimit[]) => {
    for (const limit of limits) {
      if (first !== undefined && limit.index > first) return;
      if (!Object.hasOwn(request.values, limit.value)) continue;
      const value = request.values[limit.value]!;
      const { min, max } = limit.bounds;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        first = limit.index;
        return;
      }
    }
  };
  check(rules.dccLimits);
  check(rules.userLimits.get(request.userId) ?? none);
  return first;
}
