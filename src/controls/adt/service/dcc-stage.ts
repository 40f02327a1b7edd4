import { headers, type JsMsg } from "nats";
import { type AdtState, createAdtState, decide, type EngineOptions, record } from "../engine.js";
import { parseRequestLine } from "../request-line.js";
import type { Threshold } from "../thresholds.js";
import { type BatchLoop, consumeBatches } from "./batches.js";
import { decisionHeader, decodeDecision, encodeDecision, sourceHeader, sourceSeq } from "./messages.js";
import { readStream } from "./read-stream.js";
import { type RecentIds, recentIds } from "./recent-ids.js";
import { reason, type StageContext } from "./stage-context.js";
import { slotOf, userToken } from "./subjects.js";

/**
 * The DCC stage: one consumer over every User's requests, in stream order, deciding the
 * DCC-wide thresholds (G6.6(a)) and the attribute limits (G6.6(b)) — the only rules that need
 * all Users' traffic in one place. It passes each request on to its User's slot with its verdict
 * in a header. Its log is the staged stream itself, which a restart reads to rebuild the DCC
 * windows and the RequestIDs already passed on.
 */

/** The thresholds this stage decides: the DCC's count thresholds and every attribute limit. */
export function dccThresholds(thresholds: readonly Threshold[]): Threshold[] {
  return thresholds.filter((t) => t.kind === "attribute" || t.scope.kind === "dcc");
}

export async function startDccStage(
  context: StageContext,
  thresholds: readonly Threshold[],
  options: EngineOptions,
): Promise<BatchLoop> {
  const { js, jsm, names, log } = context;
  const state = createAdtState(dccThresholds(thresholds), options);
  const passed = recentIds(context.horizonMs);
  let lastSource = 0;
  const rebuilt = await readStream(js, jsm, names.stagedStream, (message) => {
    const request = parseRequestLine(message.string());
    record(state, request, decodeDecision(message.headers?.get(decisionHeader) ?? ""));
    passed.add(request.requestId, request.time);
    lastSource = Math.max(lastSource, sourceSeq(message.headers?.get(sourceHeader)));
  });
  log.info(`adt dcc stage: rebuilt from ${rebuilt} staged requests`);
  return consumeBatches(
    js,
    jsm,
    names.requestsStream,
    names.dccConsumer,
    names.allRequests,
    lastSource + 1,
    (batch) => passOn(context, state, passed, batch),
  );
}

async function passOn(context: StageContext, state: AdtState, passed: RecentIds, batch: JsMsg[]) {
  const { js, names, log } = context;
  const published: Promise<unknown>[] = [];
  for (const message of batch) {
    let request: ReturnType<typeof parseRequestLine>;
    let verdict: ReturnType<typeof decide>;
    try {
      request = parseRequestLine(message.string());
      if (passed.has(request.requestId)) continue;
      verdict = decide(state, request);
    } catch (error) {
      // A malformed or out-of-order request cannot be decided; it is logged and left behind.
      log.warn(`adt dcc stage: request #${message.seq} on ${message.subject} refused: ${reason(error)}`);
      continue;
    }
    passed.add(request.requestId, request.time);
    const h = headers();
    h.set(decisionHeader, encodeDecision(verdict));
    h.set(sourceHeader, String(message.seq));
    const token = userToken(request.userId);
    published.push(
      js.publish(names.staged(slotOf(token), token), message.data, { msgID: request.requestId, headers: h }),
    );
  }
  await Promise.all(published);
}
