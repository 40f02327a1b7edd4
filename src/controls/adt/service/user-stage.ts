import type { JsMsg } from "nats";
import type { Breach, Decision } from "../engine.js";
import { type AdtState, assess, createAdtState, type EngineOptions, record, settle } from "../engine.js";
import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import type { Threshold } from "../thresholds.js";
import { type BatchLoop, consumeBatches } from "./batches.js";
import type { DecisionHandler, UserDecisionEvent } from "./decision-feed.js";
import {
  alertText,
  combine,
  decisionHeader,
  decisionMessageId,
  decodeDecisions,
  messageLines,
  outcomeText,
  quarantineEventRef,
  releaseMessageId,
  releaseText,
  sourceHeader,
} from "./messages.js";
import { type LogChain, type Outgoing, once } from "./publisher.js";
import { rebuildSlots } from "./rebuild-slots.js";
import { type RecentIds, recentIds } from "./recent-ids.js";
import type { StageContext } from "./stage-context.js";
import { slotOf, usersToken, userToken } from "./subjects.js";

/**
 * The User stage: one slot of Users per durable consumer, each with its own engine state, so a
 * User's windows live in exactly one place. It decides the User's own thresholds and attribute
 * limits, combines that with the DCC stage's verdict, holds quarantined requests in the
 * workspace, then publishes outcomes and quarantine alerts — in that order, so an outcome on the
 * stream always has its quarantine row behind it. The outcomes stream is the decision log a
 * restart reads to rebuild the slot's windows and the RequestIDs already decided.
 *
 * The slot also carries out its Users' decisions on quarantined requests (G6.5): a deleted one
 * leaves the windows that counted it; a processed one is forwarded — published once on the
 * outcomes subject, where let-through requests go, marked `released`. The workspace row is the
 * outbox and the outcomes stream the record of what was forwarded: a restart that finds a
 * processed row without its release in the log forwards it then, and one whose release is in the
 * log does not, so a crash between the decision and the publish neither loses nor repeats it.
 */

export type HoldEntry = {
  readonly requestId: string;
  readonly userId: string;
  readonly request: Readonly<Record<string, unknown>>;
  readonly breach: Breach;
  readonly threshold: number;
};

/** Where quarantined requests are kept until their User decides (the workspace, in the CLI). */
export type QuarantineSink = { readonly hold: (entries: readonly HoldEntry[]) => Promise<unknown> };

/**
 * One engine state of Users and what goes with it. `lastSource`: the input message behind the
 * latest logged outcome. `waiting`: the requests it quarantined whose Users have not decided
 * yet, as far as it has applied.
 */
export type Slot = {
  readonly state: AdtState;
  readonly decided: RecentIds;
  readonly waiting: Set<string>;
  lastSource: number;
  /** Settles once the latest batch's outputs have all been handed to NATS, in order. */
  issued: Promise<void>;
  /**
   * Set on a restart that found a gap in the log (rebuild-slots.ts): the outputs, by message
   * id, of requests after the gap whose outcomes are already logged, so deciding them again
   * publishes nothing; and the quarantined ones among them already released.
   */
  readonly logged: Set<string>;
  readonly released: Set<string>;
  /**
   * Users' decisions on requests this run has not decided yet: held in the workspace by an
   * earlier run that stopped before their outcomes reached the log, and decided while it was
   * down. Each is carried out once the slot decides its request again.
   */
  readonly early: Map<string, UserDecisionEvent>;
  /**
   * The outcomes stream as this slot's own log, when no other slot writes to it (one stage
   * deciding every User): its outcomes and releases are chained so the log has no gaps. Slots
   * that share the stream leave it unset (docs/adt-service.md, "Limits").
   */
  readonly chain: LogChain | undefined;
};

export function newSlot(
  thresholds: readonly Threshold[],
  options: EngineOptions,
  horizonMs: number,
  chain: LogChain | undefined,
): Slot {
  return {
    state: createAdtState(thresholds, options),
    decided: recentIds(horizonMs),
    waiting: new Set(),
    logged: new Set(),
    released: new Set(),
    early: new Map(),
    lastSource: 0,
    issued: Promise.resolve(),
    chain,
  };
}

/**
 * How a stage of Users reads its input: a request on line `index` of a message and its decision
 * (made and recorded in the slot's state), or undefined for a request left behind; and the
 * header that names each outcome's input message in the log.
 */
export type Judge = {
  readonly sourceHeader: string;
  /** Answers undefined for a request already decided. */
  readonly judge: (slot: Slot, message: JsMsg, line: string, index: number) => Judged | Refused | undefined;
};

export type Judged = { readonly request: AdtRequest; readonly decision: Decision };

/** A line that cannot be decided, and the notice that says so (refusals.ts). */
export type Refused = { readonly refused: Outgoing };

export type UserSlots = { readonly loops: BatchLoop[]; readonly onDecision: DecisionHandler };

/** The thresholds this stage decides: the Users' count thresholds and every attribute limit. */
export function userThresholds(thresholds: readonly Threshold[]): Threshold[] {
  return thresholds.filter((t) => t.kind === "attribute" || t.scope.kind === "user");
}

/**
 * A slot's judge: its Users' own levels, combined with the DCC stage's verdict on each line from
 * the header (read once per message).
 */
function slotJudge(): Judge {
  let read: { readonly message: JsMsg; readonly verdicts: Decision[] } | undefined;
  const verdictsOf = (message: JsMsg) => {
    if (read?.message !== message) {
      read = { message, verdicts: decodeDecisions(message.headers?.get(decisionHeader) ?? "") };
    }
    return read.verdicts;
  };
  return {
    sourceHeader,
    judge: (slot, message, line, index) => {
      // The DCC stage validated the request and put it in time order; a failure here is a fault.
      const request = parseRequestLine(line);
      if (slot.decided.has(request.requestId)) return undefined;
      const dcc = verdictsOf(message)[index];
      if (dcc === undefined)
        throw new RangeError(`a DCC verdict for line ${index + 1} of staged #${message.seq}`);
      // Recorded with the final decision, so a request the DCC stage quarantined keeps room too.
      const decision = combine(assess(slot.state, request), dcc);
      record(slot.state, request, decision);
      return { request, decision };
    },
  };
}

export async function startUserSlots(
  context: StageContext,
  slots: readonly number[],
  thresholds: readonly Threshold[],
  options: EngineOptions,
  sink: QuarantineSink,
): Promise<UserSlots> {
  const { js, jsm, names, log } = context;
  const owned = new Map<number, Slot>();
  for (const slot of slots)
    owned.set(slot, newSlot(userThresholds(thresholds), options, context.horizonMs, undefined));
  const slotFor = (userId: string) => owned.get(slotOf(userToken(userId)));
  const numbers = new Map([...owned].map(([number, slot]) => [slot, number]));
  const rebuilt = await rebuildSlots(context, slotFor, sourceHeader, (slot) =>
    names.stagedSlot(numbers.get(slot)!),
  );
  log.info(`adt user slots ${slots.join(",")}: rebuilt from ${rebuilt} outcomes`);
  const loops: BatchLoop[] = [];
  for (const [number, slot] of owned) {
    const judge = slotJudge();
    loops.push(
      await consumeBatches(
        js,
        jsm,
        names.stagedStream,
        names.slotConsumer(number),
        names.stagedSlot(number),
        slot.lastSource + 1,
        (batch) => decideBatch(context, slot, sink, judge, batch),
      ),
    );
  }
  return { loops, onDecision: decisionHandler(context, slotFor) };
}

/** Carries out Users' decisions in the slot that holds each User, if this process holds it. */
export function decisionHandler(
  context: StageContext,
  slotFor: (userId: string) => Slot | undefined,
): DecisionHandler {
  return (event) => {
    const slot = slotFor(event.decided.userId);
    if (slot) return applyDecision(context, slot, event);
  };
}

async function applyDecision(context: StageContext, slot: Slot, event: UserDecisionEvent) {
  const { decided, request } = event;
  if (!slot.waiting.has(decided.requestId)) {
    // Not decided yet, and not too old to be: it may be one the last run left in flight.
    if (!slot.decided.has(decided.requestId) && request.time >= slot.state.lastTime) {
      slot.early.set(decided.requestId, event);
    }
    return;
  }
  if (decided.status === "deleted") {
    settle(slot.state, request, "delete");
    slot.waiting.delete(decided.requestId);
    return;
  }
  settle(slot.state, request, "process");
  await context.publisher.publish([
    {
      subject: context.names.outcome(userToken(request.userId)),
      data: releaseText(decided.requestId, request.userId, decided.decidedBy, decided.request),
      once: once(slot.chain, releaseMessageId(decided.requestId)),
    },
  ]);
  slot.waiting.delete(decided.requestId);
}

/** Carries out the early decisions whose requests are now decided; drops those too old to be. */
async function applyEarly(context: StageContext, slot: Slot) {
  for (const [requestId, event] of slot.early) {
    if (slot.waiting.has(requestId)) {
      slot.early.delete(requestId);
      await applyDecision(context, slot, event);
    } else if (slot.decided.has(requestId) || event.request.time < slot.state.lastTime) {
      slot.early.delete(requestId);
    }
  }
}

type Decided = Judged & { readonly line: string; readonly index: number };

/** An input message and the requests on it that were decided, in line order. */
type DecidedMessage = { readonly message: JsMsg; readonly decided: readonly Decided[] };

/**
 * Decides a batch at once (in stream order, each message line by line), then — after the
 * previous batch's outputs were handed to NATS, so outcomes stay in order on the log — holds its
 * quarantined requests and publishes its outcomes. Settles when they are stored.
 */
export function decideBatch(
  context: StageContext,
  slot: Slot,
  sink: QuarantineSink,
  judge: Judge,
  batch: JsMsg[],
): Promise<void> {
  const messages: DecidedMessage[] = [];
  const held: HoldEntry[] = [];
  const refusals: Outgoing[] = [];
  for (const message of batch) {
    const decided: Decided[] = [];
    const lines = messageLines(message.string());
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      const judged = judge.judge(slot, message, line, index);
      if (judged === undefined) continue;
      if ("refused" in judged) {
        refusals.push(judged.refused);
        continue;
      }
      const { request, decision } = judged;
      slot.decided.add(request.requestId, request.time);
      decided.push({ request, decision, line, index });
      if (decision.outcome !== "quarantined") continue;
      // Released before a restart that decided it again: let through, as it was then.
      if (slot.released.delete(request.requestId)) settle(slot.state, request, "process");
      else slot.waiting.add(request.requestId);
      held.push({
        requestId: request.requestId,
        userId: request.userId,
        request: JSON.parse(line) as Record<string, unknown>,
        breach: decision.breach,
        threshold: decision.threshold,
      });
    }
    if (decided.length > 0) messages.push({ message, decided });
  }
  const previous = slot.issued;
  const published = (async () => {
    await previous;
    await sink.hold(held);
    const handed = publishOutcomes(context, judge.sourceHeader, slot, messages, refusals);
    // After the outcomes were handed over, so a release follows its request's outcome on the log.
    if (slot.early.size > 0) await applyEarly(context, slot);
    return handed;
  })();
  slot.issued = published.then(() => undefined);
  // The next batch awaits it; a failure is reported through the promise returned here.
  slot.issued.catch(() => undefined);
  return published.then(({ stored }) => stored);
}

/**
 * Hands a batch's refusal notices, outcomes and alerts to NATS, in order; answers their
 * acknowledgement, wrapped so that the caller's async step ends once they are handed over
 * rather than waiting for it. Each input message gives one outcome message, a line per request
 * decided from it, so the log never holds part of an input message's outcomes; on its User's
 * subject, or on the mixed one when its requests are several Users'.
 */
function publishOutcomes(
  context: StageContext,
  source: string,
  slot: Slot,
  messages: readonly DecidedMessage[],
  refusals: readonly Outgoing[],
): { readonly stored: Promise<void> } {
  const { names } = context;
  const outputs: Outgoing[] = [...refusals];
  for (const { message, decided } of messages) {
    const first = decided[0]!.request;
    // Already in the log past a gap: decided again only to rebuild the state (rebuild-slots.ts).
    if (slot.logged.delete(decisionMessageId(first.requestId, message.seq))) continue;
    outputs.push({
      subject: names.outcome(usersToken(decided.map(({ request }) => request.userId))),
      data: decided.map(({ request, line, decision }) => outcomeText(request, line, decision)).join("\n"),
      headers: { [source]: String(message.seq) },
      once: once(slot.chain, decisionMessageId(first.requestId, message.seq)),
    });
    for (const { request, decision, index } of decided) {
      if (decision.outcome !== "quarantined") continue;
      outputs.push({
        subject: names.alert(userToken(request.userId)),
        data: alertText(request, decision.breach, quarantineEventRef(message.seq, index)),
        once: { msgId: decisionMessageId(request.requestId, message.seq) },
      });
    }
  }
  return { stored: context.publisher.publish(outputs) };
}
