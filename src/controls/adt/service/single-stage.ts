import { InputError } from "../../../common/input-error.js";
import { decide, type EngineOptions } from "../engine.js";
import { parseRequestLine } from "../request-line.js";
import type { Threshold } from "../thresholds.js";
import { consumeBatches } from "./batches.js";
import { requestSeqHeader } from "./messages.js";
import { logChain } from "./publisher.js";
import { rebuildSlots } from "./rebuild-slots.js";
import { refusalNotice } from "./refusals.js";
import type { StageContext } from "./stage-context.js";
import {
  decideBatch,
  decisionHandler,
  type Judge,
  newSlot,
  type QuarantineSink,
  type UserSlots,
} from "./user-stage.js";

/**
 * The whole service in one stage, for a worker that runs the DCC stage and every User slot:
 * one consumer over all requests, one engine state with every threshold, deciding each request
 * exactly as `secg adt replay` does, straight to outcomes and alerts — no staged hop, so each
 * request crosses the broker twice instead of three times. Holding, publishing in order and
 * acknowledging work as in a User slot (user-stage.ts).
 *
 * Its log is the outcomes stream, each outcome naming its request's sequence number in the
 * requests stream (`Secg-Request-Seq`); that is all a restart needs to rebuild every window,
 * and all the DCC stage of a later partitioned run needs to rebuild the DCC-wide ones.
 */

export async function startSingleStage(
  context: StageContext,
  thresholds: readonly Threshold[],
  options: EngineOptions,
  sink: QuarantineSink,
): Promise<UserSlots> {
  const { js, jsm, names, log } = context;
  // Every User is decided here, so the outcomes stream has this one writer.
  const slot = newSlot(thresholds, options, context.horizonMs, await logChain(jsm, names.outcomesStream));
  const slotFor = () => slot;
  const rebuilt = await rebuildSlots(context, slotFor, requestSeqHeader);
  log.info(`adt single stage: rebuilt from ${rebuilt} outcomes`);
  const judge: Judge = {
    sourceHeader: requestSeqHeader,
    judge: (current, message, line, index) => {
      try {
        const request = parseRequestLine(line);
        if (current.decided.has(request.requestId)) return undefined;
        return { request, decision: decide(current.state, request) };
      } catch (error) {
        // A malformed or out-of-order request cannot be decided: it is left behind, with a notice.
        if (!(error instanceof InputError)) throw error;
        return { refused: refusalNotice(context, "single stage", message, index, line, error.message) };
      }
    },
  };
  const loop = await consumeBatches(
    js,
    jsm,
    names.requestsStream,
    names.singleConsumer,
    names.allRequests,
    slot.lastSource + 1,
    (batch) => decideBatch(context, slot, sink, judge, batch),
  );
  return { loops: [loop], onDecision: decisionHandler(context, slotFor) };
}
