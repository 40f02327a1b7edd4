import { headers, type JsMsg } from "nats";
import type { Breach, Decision } from "../engine.js";
import { type AdtState, createAdtState, decide, type EngineOptions, record } from "../engine.js";
import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import type { Threshold } from "../thresholds.js";
import { type BatchLoop, consumeBatches } from "./batches.js";
import {
  alertText,
  combine,
  decisionHeader,
  decodeDecision,
  type OutcomeMessage,
  outcomeText,
  sourceHeader,
  sourceSeq,
} from "./messages.js";
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

/** `lastSource`: the staged message behind the slot's latest logged outcome. */
type Slot = { readonly state: AdtState; readonly decided: RecentIds; lastSource: number };

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
): Promise<BatchLoop[]> {
  const { js, jsm, names, log } = context;
  const owned = new Map<number, Slot>();
  for (const slot of slots) {
    owned.set(slot, {
      state: createAdtState(userThresholds(thresholds), options),
      decided: recentIds(context.horizonMs),
      lastSource: 0,
    });
  }
  let rebuilt = 0;
  await readStream(js, jsm, names.outcomesStream, (message) => {
    const outcome = message.json<OutcomeMessage>();
    const slot = owned.get(slotOf(userToken(outcome.userId)));
    if (!slot) return;
    const request = parseRequestLine(JSON.stringify(outcome.request));
    record(slot.state, request, loggedDecision(outcome));
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
  return loops;
}

/** Only whether a logged request was deleted matters to the windows it is recorded in. */
function loggedDecision(outcome: OutcomeMessage): Decision {
  return outcome.outcome === "deleted"
    ? { outcome: "deleted", breach: "attribute-limits", threshold: outcome.threshold ?? 0, notifyUser: true }
    : { outcome: "processed", warned: false };
}

type Decided = {
  readonly message: JsMsg;
  readonly request: AdtRequest;
  readonly line: string;
  readonly decision: Decision;
};

async function decideBatch(context: StageContext, slot: Slot, sink: QuarantineSink, batch: JsMsg[]) {
  const { js, names } = context;
  const decided: Decided[] = [];
  for (const message of batch) {
    const line = message.string();
    // The DCC stage validated the request and put it in time order; a failure here is a fault.
    const request = parseRequestLine(line);
    if (slot.decided.has(request.requestId)) continue;
    const dcc = decodeDecision(message.headers?.get(decisionHeader) ?? "");
    const decision = combine(decide(slot.state, request), dcc);
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
  await sink.hold(held);
  const published: Promise<unknown>[] = [];
  for (const { message, request, line, decision } of decided) {
    const token = userToken(request.userId);
    const h = headers();
    h.set(sourceHeader, String(message.seq));
    const outcome = outcomeText(request, line, decision);
    published.push(js.publish(names.outcome(token), outcome, { msgID: request.requestId, headers: h }));
    if (decision.outcome === "quarantined") {
      const alert = alertText(request, decision.breach, message.seq);
      published.push(js.publish(names.alert(token), alert, { msgID: request.requestId }));
    }
  }
  await Promise.all(published);
}
