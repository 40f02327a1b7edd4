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
  decodeDecision,
  type OutcomeMessage,
  outcomeText,
  releaseMessageId,
  releaseText,
  sourceHeader,
  sourceSeq,
} from "./messages.js";
import type { Outgoing } from "./publisher.js";
import { readStream } from "./read-stream.js";
import { type RecentIds, recentIds } from "./recent-ids.js";
import type { StageContext } from "./stage-context.js";
import { slotOf, userToken } from "./subjects.js";

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
 * `lastSource`: the staged message behind the slot's latest logged outcome. `waiting`: the
 * requests this slot quarantined whose Users have not decided yet, as far as it has applied.
 */
type Slot = {
  readonly state: AdtState;
  readonly decided: RecentIds;
  readonly waiting: Set<string>;
  lastSource: number;
  /** Settles once the latest batch's outputs have all been handed to NATS, in order. */
  issued: Promise<void>;
};

export type UserSlots = { readonly loops: BatchLoop[]; readonly onDecision: DecisionHandler };

/** The thresholds this stage decides: the Users' count thresholds and every attribute limit. */
export function userThresholds(thresholds: readonly Threshold[]): Threshold[] {
  return thresholds.filter((t) => t.kind === "attribute" || t.scope.kind === "user");
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
  for (const slot of slots) {
    owned.set(slot, {
      state: createAdtState(userThresholds(thresholds), options),
      decided: recentIds(context.horizonMs),
      waiting: new Set(),
      lastSource: 0,
      issued: Promise.resolve(),
    });
  }
  let rebuilt = 0;
  await readStream(js, jsm, names.outcomesStream, (message) => {
    const outcome = message.json<OutcomeMessage>();
    const slot = owned.get(slotOf(userToken(outcome.userId)));
    if (!slot) return;
    const request = parseRequestLine(JSON.stringify(outcome.request));
    if (outcome.released) {
      // Forwarded before the restart: settled now, and never forwarded again.
      if (slot.waiting.delete(request.requestId)) settle(slot.state, request, "process");
      return;
    }
    const decision = loggedDecision(outcome);
    record(slot.state, request, decision);
    if (decision.outcome === "quarantined") slot.waiting.add(request.requestId);
    slot.decided.add(request.requestId, request.time);
    slot.lastSource = Math.max(slot.lastSource, sourceSeq(message.headers?.get(sourceHeader)));
    rebuilt++;
  });
  log.info(`adt user slots ${slots.join(",")}: rebuilt from ${rebuilt} outcomes`);
  const loops: BatchLoop[] = [];
  for (const [number, slot] of owned) {
    loops.push(
      await consumeBatches(
        js,
        jsm,
        names.stagedStream,
        names.slotConsumer(number),
        names.stagedSlot(number),
        slot.lastSource + 1,
        (batch) => decideBatch(context, slot, sink, batch),
      ),
    );
  }
  const onDecision = (event: UserDecisionEvent) => {
    const slot = owned.get(slotOf(userToken(event.decided.userId)));
    if (slot) return applyDecision(context, slot, event);
  };
  return { loops, onDecision };
}

async function applyDecision(context: StageContext, slot: Slot, { decided, request }: UserDecisionEvent) {
  if (!slot.waiting.has(decided.requestId)) return;
  if (decided.status === "deleted") {
    settle(slot.state, request, "delete");
    slot.waiting.delete(decided.requestId);
    return;
  }
  settle(slot.state, request, "process");
  const { js, names } = context;
  await js.publish(
    names.outcome(userToken(request.userId)),
    releaseText(decided.requestId, request.userId, decided.decidedBy, decided.request),
    { msgID: releaseMessageId(decided.requestId) },
  );
  slot.waiting.delete(decided.requestId);
}

/** Whether a logged request was deleted or quarantined is what matters to the windows it is recorded in. */
function loggedDecision(outcome: OutcomeMessage): Decision {
  if (outcome.outcome === "deleted") {
    return {
      outcome: "deleted",
      breach: "attribute-limits",
      threshold: outcome.threshold ?? 0,
      notifyUser: true,
    };
  }
  if (outcome.outcome === "quarantined" && outcome.breach !== undefined) {
    return { outcome: "quarantined", breach: outcome.breach, threshold: outcome.threshold ?? 0 };
  }
  return { outcome: "processed", warned: false };
}

type Decided = {
  readonly message: JsMsg;
  readonly request: AdtRequest;
  readonly line: string;
  readonly decision: Decision;
};

/**
 * Decides a batch at once (in stream order), then — after the previous batch's outputs were
 * handed to NATS, so outcomes stay in order on the log — holds its quarantined requests and
 * publishes its outcomes. Settles when they are stored.
 */
function decideBatch(context: StageContext, slot: Slot, sink: QuarantineSink, batch: JsMsg[]): Promise<void> {
  const decided: Decided[] = [];
  for (const message of batch) {
    const line = message.string();
    // The DCC stage validated the request and put it in time order; a failure here is a fault.
    const request = parseRequestLine(line);
    if (slot.decided.has(request.requestId)) continue;
    const dcc = decodeDecision(message.headers?.get(decisionHeader) ?? "");
    // Recorded with the final decision, so a request the DCC stage quarantined keeps room too.
    const decision = combine(assess(slot.state, request), dcc);
    record(slot.state, request, decision);
    if (decision.outcome === "quarantined") slot.waiting.add(request.requestId);
    slot.decided.add(request.requestId, request.time);
    decided.push({ message, request, line, decision });
  }
  const held = decided.flatMap(({ request, line, decision }) =>
    decision.outcome === "quarantined"
      ? [
          {
            requestId: request.requestId,
            userId: request.userId,
            request: JSON.parse(line) as Record<string, unknown>,
            breach: decision.breach,
            threshold: decision.threshold,
          },
        ]
      : [],
  );
  const previous = slot.issued;
  const published = (async () => {
    await previous;
    await sink.hold(held);
    return publishOutcomes(context, decided);
  })();
  slot.issued = published.then(() => undefined);
  // The next batch awaits it; a failure is reported through the promise returned here.
  slot.issued.catch(() => undefined);
  return published.then((acks) => Promise.all(acks)).then(() => undefined);
}

/** Hands a batch's outcomes and alerts to NATS, in order; answers their acknowledgement. */
function publishOutcomes(context: StageContext, decided: readonly Decided[]): Promise<unknown>[] {
  const { names } = context;
  const outputs: Outgoing[] = [];
  for (const { message, request, line, decision } of decided) {
    const token = userToken(request.userId);
    outputs.push({
      subject: names.outcome(token),
      data: outcomeText(request, line, decision),
      msgId: request.requestId,
      headers: { [sourceHeader]: String(message.seq) },
    });
    if (decision.outcome === "quarantined") {
      const alert = alertText(request, decision.breach, message.seq);
      outputs.push({ subject: names.alert(token), data: alert, msgId: request.requestId });
    }
  }
  return [context.publisher.publish(outputs)];
}
