import type { JsMsg } from "nats";
import { InputError } from "../../../common/input-error.js";
import {
  type AdtState,
  createAdtState,
  type Decision,
  decide,
  type EngineOptions,
  record,
  settle,
} from "../engine.js";
import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import type { Threshold } from "../thresholds.js";
import { type BatchLoop, consumeBatches } from "./batches.js";
import type { DecisionHandler, UserDecisionEvent } from "./decision-feed.js";
import {
  decisionHeader,
  decodeDecision,
  encodeDecision,
  loggedDecision,
  type OutcomeMessage,
  requestSeqHeader,
  sourceHeader,
  sourceSeq,
} from "./messages.js";
import { type LogChain, logChain, type Outgoing } from "./publisher.js";
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
 *
 * A request a User deletes leaves the DCC windows too. The stage keeps room for deleting the
 * requests it quarantined itself; one that only a User's own level quarantined was counted here
 * as processed, so its deletion is exact unless more than the DCC level's worth of later
 * requests for that SRV came in between (docs/adt-service.md).
 */

export type DccStage = { readonly loop: BatchLoop; readonly onDecision: DecisionHandler };

/** The thresholds this stage decides: the DCC's count thresholds and every attribute limit. */
export function dccThresholds(thresholds: readonly Threshold[]): Threshold[] {
  return thresholds.filter((t) => t.kind === "attribute" || t.scope.kind === "dcc");
}

export async function startDccStage(
  context: StageContext,
  thresholds: readonly Threshold[],
  options: EngineOptions,
): Promise<DccStage> {
  const { js, jsm, names, log } = context;
  const state = createAdtState(dccThresholds(thresholds), options);
  const passed = recentIds(context.horizonMs);
  /** Requests this stage quarantined whose Users have not decided yet. */
  const held = new Set<string>();
  let lastSource = 0;
  const rebuild = (request: AdtRequest, verdict: Decision, source: string | undefined) => {
    record(state, request, verdict);
    if (verdict.outcome === "quarantined") held.add(request.requestId);
    passed.add(request.requestId, request.time);
    lastSource = Math.max(lastSource, sourceSeq(source));
  };
  // Requests decided in one stage (single-stage.ts) before this partitioned run: they come
  // first, since that stage runs only while nothing was ever staged. Releases carry no source.
  let single = 0;
  await readStream(js, jsm, names.outcomesStream, (message) => {
    const source = message.headers?.get(requestSeqHeader);
    if (!source) return;
    const outcome = message.json<OutcomeMessage>();
    rebuild(parseRequestLine(JSON.stringify(outcome.request)), loggedDecision(outcome), source);
    single++;
  });
  const staged = await readStream(js, jsm, names.stagedStream, (message) => {
    const verdict = decodeDecision(message.headers?.get(decisionHeader) ?? "");
    rebuild(parseRequestLine(message.string()), verdict, message.headers?.get(sourceHeader));
  });
  log.info(`adt dcc stage: rebuilt from ${staged} staged requests and ${single} decided in one stage`);
  // The staged stream is this stage's alone: chained, so it never has a gap.
  const chain = await logChain(jsm, names.stagedStream);
  const loop = await consumeBatches(
    js,
    jsm,
    names.requestsStream,
    names.dccConsumer,
    names.allRequests,
    lastSource + 1,
    (batch) => passOn(context, state, passed, held, chain, batch),
  );
  const onDecision = ({ decided, request }: UserDecisionEvent) => {
    const wasHeld = held.delete(decided.requestId);
    // Counted here only if held, or passed on within the longest period (older ones are out of every window).
    if (!wasHeld && !passed.has(decided.requestId)) return;
    settle(state, request, decided.status === "deleted" ? "delete" : "process", wasHeld);
  };
  return { loop, onDecision };
}

async function passOn(
  context: StageContext,
  state: AdtState,
  passed: RecentIds,
  held: Set<string>,
  chain: LogChain,
  batch: JsMsg[],
) {
  const { names, log } = context;
  const staged: Outgoing[] = [];
  for (const message of batch) {
    let request: ReturnType<typeof parseRequestLine>;
    let verdict: ReturnType<typeof decide>;
    try {
      request = parseRequestLine(message.string());
      if (passed.has(request.requestId)) continue;
      verdict = decide(state, request);
    } catch (error) {
      // A malformed or out-of-order request cannot be decided; it is logged and left behind.
      if (!(error instanceof InputError)) throw error;
      log.warn(`adt dcc stage: request #${message.seq} on ${message.subject} refused: ${reason(error)}`);
      continue;
    }
    passed.add(request.requestId, request.time);
    if (verdict.outcome === "quarantined") held.add(request.requestId);
    const token = userToken(request.userId);
    staged.push({
      subject: names.staged(slotOf(token), token),
      data: message.data,
      headers: { [decisionHeader]: encodeDecision(verdict), [sourceHeader]: String(message.seq) },
      once: { chain },
    });
  }
  await context.publisher.publish(staged);
}
