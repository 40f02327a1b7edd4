import { InputError } from "../../common/input-error.js";
import { pushTo } from "../../common/multimap.js";
import { defaultEncryptedResponseSrvs, serviceRequest } from "../duis/service-requests.js";
import type { AdtRequest } from "./request.js";
import type { AttributeLimit, CountThreshold, Measure, Threshold } from "./thresholds.js";
import { UserIds } from "./user-ids.js";
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
 *
 * The first rows of the pool (`AdtState.userMask` + 1 of them, a power of two, at most half
 * used) are the keys of User thresholds, laid out as the table that finds them: the first key
 * of each (User ID, SRV) list sits in the row its User ID and SRV hash to, or the next free one
 * (open addressing, linear probing), and carries the User ID as integers (`UserIds`); the later
 * keys of the list take free rows after it. Finding a request's thresholds thus reads the row
 * it needs next anyway, where a Map of User ID strings would first read its own entry and the
 * key's text. The DCC's keys follow the table.
 */
const NEXT = ownerOffset;
/**
 * The measure as a bit, matched against a request's `countedBy` mask; above `tagShift`, on
 * the first key of a User's list, the User ID's kind and SRV (`UserIds.tag`, never 0). The
 * whole field is 0 only in a row no key uses.
 */
const MEASURE = ownerOffset + 1;
/** The levels; -1 when the threshold has no such level. */
const WARNING = ownerOffset + 2;
const QUARANTINE = ownerOffset + 3;
/** A User's threshold: the halves of its User ID as `UserIds` reads them. */
const HIGH = ownerOffset + 4;
const LOW = ownerOffset + 5;
const tagShift = 3;
/** The end of a list of keys: no key. */
const end = -1;

type SrvRules = {
  /** The SRV's number in this state, part of the tag its User thresholds' rows carry. */
  readonly id: number;
  readonly critical: boolean;
  /** Whether any attribute limit is set for the SRV, so requests without one skip the check. */
  hasLimits: boolean;
  readonly encrypted: boolean;
  /** The first DCC count key for the SRV, or `end`. */
  dccCounts: number;
  readonly dccLimits: AttributeLimit[];
  readonly userLimits: Map<string, AttributeLimit[]>;
};

export type AdtState = {
  readonly bySrv: ReadonlyMap<string, SrvRules>;
  /** Reads request User IDs as the table's rows carry them. */
  readonly userIds: UserIds;
  /** The table's size less one: its rows are the pool's first. */
  readonly userMask: number;
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
  // File order decides which threshold a decision names when several are breached at once.
  const ordered = [...thresholds].sort((a, b) => a.index - b.index);
  const counts = ordered.filter((t) => t.kind === "count");
  const userCounts = counts.filter((t) => t.scope.kind === "user").length;
  let tableSize = 1;
  while (tableSize < userCounts * 2) tableSize *= 2;
  const rows = tableSize + counts.length - userCounts;
  const windows = new WindowPool(rows);
  const { ints } = windows;
  const userIds = new UserIds();
  const userMask = tableSize - 1;
  let nextKey = tableSize;
  // Filled up front, so setting keys out of order leaves the array's elements fast.
  const decisions = new Array<Decision>(2 * rows).fill(processed);
  const rulesFor = (srv: string): SrvRules => {
    let rules = bySrv.get(srv);
    if (!rules) {
      rules = {
        id: bySrv.size,
        critical: serviceRequest(srv)?.critical ?? false,
        hasLimits: false,
        encrypted: encrypted.has(srv),
        dccCounts: end,
        dccLimits: [],
        userLimits: new Map(),
      };
      bySrv.set(srv, rules);
    }
    return rules;
  };
  for (const threshold of ordered) {
    const rules = rulesFor(threshold.srv);
    if (threshold.kind === "attribute") {
      rules.hasLimits = true;
      if (threshold.scope.kind === "dcc") rules.dccLimits.push(threshold);
      else pushTo(rules.userLimits, threshold.scope.userId, threshold);
    } else if (threshold.scope.kind === "dcc") {
      const key = nextKey++;
      countKey(windows, decisions, threshold, key, 0);
      rules.dccCounts = append(windows, rules.dccCounts, key);
    } else {
      userIds.read(threshold.scope.userId, true);
      const tag = userIds.tag(rules.id);
      const first = userRow(ints, userMask, userIds, tag);
      if (ints[first * rowInts + MEASURE] === 0) {
        // No list yet: this key starts it, in the free row found.
        countKey(windows, decisions, threshold, first, tag);
        ints[first * rowInts + HIGH] = userIds.high;
        ints[first * rowInts + LOW] = userIds.low;
      } else {
        // A later key of the list: any free row of the table will do, the list links it.
        let key = first;
        while (ints[key * rowInts + MEASURE] !== 0) key = (key + 1) & userMask;
        countKey(windows, decisions, threshold, key, 0);
        append(windows, first, key);
      }
    }
  }
  return { bySrv, userIds, userMask, windows, decisions, lastTime: Number.NEGATIVE_INFINITY };
}

/**
 * The table row for the User ID `ids` read last with `tag`: the first key of its list, or
 * the free row where that would go. The table is at most half full, so the probe ends.
 */
function userRow(ints: Int32Array, mask: number, ids: UserIds, tag: number): number {
  const { high, low } = ids;
  for (let key = ids.hash(tag) & mask; ; key = (key + 1) & mask) {
    const row = key * rowInts;
    const measure = ints[row + MEASURE]!;
    if (measure === 0) return key;
    if (measure >>> tagShift === tag && ints[row + HIGH] === high && ints[row + LOW] === low) return key;
  }
}

/** The first key of `userId`'s thresholds on the SRV of `rules`, or `end`. */
function findUserKeys(state: AdtState, rules: SrvRules, userId: string): number {
  const { userIds } = state;
  if (!userIds.read(userId)) return end;
  const { ints } = state.windows;
  const key = userRow(ints, state.userMask, userIds, userIds.tag(rules.id));
  return ints[key * rowInts + MEASURE] === 0 ? end : key;
}

/** Sets up `key` for `threshold`: its window, its fields, and the decisions it gives; `tag` 0 for none. */
function countKey(
  windows: WindowPool,
  decisions: Decision[],
  threshold: CountThreshold,
  key: number,
  tag: number,
): void {
  const { levels } = threshold;
  const warning = "warning" in levels && levels.warning !== undefined ? levels.warning : -1;
  const quarantine = levels.quarantine ?? -1;
  windows.open(key, threshold.periodMs, Math.max(warning, quarantine));
  const row = key * rowInts;
  const { ints } = windows;
  ints[row + NEXT] = end;
  ints[row + MEASURE] = (tag << tagShift) | measureBits[threshold.measure];
  // No window holds 2³¹ times (see WindowPool.create), so a higher level acts as that one.
  ints[row + WARNING] = Math.min(warning, maxCapacity);
  ints[row + QUARANTINE] = Math.min(quarantine, maxCapacity);
  const breach = threshold.scope.kind === "dcc" ? "dcc-threshold" : "user-threshold";
  decisions[2 * key] = { outcome: "quarantined", breach, threshold: threshold.index };
  decisions[2 * key + 1] = { outcome: "processed", warned: true, threshold: threshold.index };
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

/** Decides one request and records it: the only way requests should enter a live state. */
export function decide(state: AdtState, request: AdtRequest): Decision {
  checkOrder(state, request);
  state.lastTime = request.time;
  const rules = state.bySrv.get(request.srv);
  if (!rules) return processed;
  const userKeys = findUserKeys(state, rules, request.userId);
  const counted = countedBy(rules, request);
  const decision = judge(state, rules, userKeys, request, counted);
  if (decision.outcome === "deleted") return decision;
  // A request let through saw every window it counts in brought up to its time.
  const expired = decision.outcome === "processed";
  count(state.windows, rules, userKeys, counted, request.time, decision.outcome === "quarantined", expired);
  return decision;
}

/** The decision for `request` given the requests recorded so far; records nothing. */
export function assess(state: AdtState, request: AdtRequest): Decision {
  checkOrder(state, request);
  const rules = state.bySrv.get(request.srv);
  if (!rules) return processed;
  return judge(state, rules, findUserKeys(state, rules, request.userId), request, countedBy(rules, request));
}

/** Adds a decided request to the windows that count it: every one its thresholds measure, unless it was deleted. */
export function record(state: AdtState, request: AdtRequest, decision: Decision): void {
  checkOrder(state, request);
  state.lastTime = request.time;
  const rules = state.bySrv.get(request.srv);
  if (!rules || decision.outcome === "deleted") return;
  const userKeys = findUserKeys(state, rules, request.userId);
  const held = decision.outcome === "quarantined";
  count(state.windows, rules, userKeys, countedBy(rules, request), request.time, held, false);
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
  settleIn(findUserKeys(state, rules, request.userId));
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

function judge(
  state: AdtState,
  rules: SrvRules,
  userKeys: number,
  request: AdtRequest,
  counted: number,
): Decision {
  if (rules.hasLimits) {
    const limit = firstBreachedLimit(rules, request);
    if (limit !== undefined) {
      return request.smets1
        ? { outcome: "deleted", breach: "attribute-limits", threshold: limit, notifyUser: true }
        : { outcome: "quarantined", breach: "attribute-limits", threshold: limit };
    }
  }
  const time = request.time;
  const { windows, decisions } = state;
  const { ints } = windows;
  // A count "including this one" exceeds level L exactly when L earlier ones are in the window.
  // Quarantine comes before warning, and the DCC's levels between the User's two, so the first
  // key over its warning level is only noted here and answers once no quarantine level does.
  let warned = end;
  for (let key = userKeys; key !== end; key = ints[key * rowInts + NEXT]!) {
    const row = key * rowInts;
    if ((ints[row + MEASURE]! & counted) === 0) continue;
    const earlier = windows.countWithin(key, time);
    const quarantine = ints[row + QUARANTINE]!;
    if (quarantine >= 0 && earlier >= quarantine) return decisions[2 * key]!;
    const warning = ints[row + WARNING]!;
    if (warned === end && warning >= 0 && earlier >= warning) warned = key;
  }
  for (let key = rules.dccCounts; key !== end; key = ints[key * rowInts + NEXT]!) {
    const row = key * rowInts;
    if ((ints[row + MEASURE]! & counted) !== 0 && windows.countWithin(key, time) >= ints[row + QUARANTINE]!) {
      return decisions[2 * key]!;
    }
  }
  return warned === end ? processed : decisions[2 * warned + 1]!;
}

/**
 * Counts the request in its windows; a quarantined one (`held`) keeps room to be deleted later.
 * `expired`: every window counting it was already brought up to its time.
 */
function count(
  windows: WindowPool,
  rules: SrvRules,
  userKeys: number,
  counted: number,
  time: number,
  held: boolean,
  expired: boolean,
): void {
  countIn(windows, userKeys, counted, time, held, expired);
  countIn(windows, rules.dccCounts, counted, time, held, expired);
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
