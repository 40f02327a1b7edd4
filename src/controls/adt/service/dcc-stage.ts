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
  decodeDecisions,
  encodeDecision,
  loggedDecision,
  messageLines,
  type OutcomeMessage,
  requestSeqHeader,
  restHeader,
  sourceHeader,
  sourceSeq,
} from "./messages.js";
import { type LogChain, logChain, type Outgoing } from "./publisher.js";
import { readStream } from "./read-stream.js";
import { type RecentIds, recentIds } from "./recent-ids.js";
import { refusalNotice } from "./refusals.js";
import type { StageContext } from "./stage-context.js";
import { slotOf, usersToken, userToken } from "./subjects.js";

/**
 * The DCC stage: one consumer over every User's requests, in stream order, deciding the
 * DCC-wide thresholds (G6.6(a)) and the attribute limits (G6.6(b)) — the only rules that need
 * all Users' traffic in one place. It passes each request on to its User's slot with its verdict
 * in a header, an input message as one staged message per slot. Its log is the staged stream
 * itself, which a restart reads to rebuild the DCC windows and the RequestIDs already passed on.
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
    for (const line of messageLines(message.string())) {
      const outcome = JSON.parse(line) as OutcomeMessage;
      rebuild(parseRequestLine(JSON.stringify(outcome.request)), loggedDecision(outcome), source);
      single++;
    }
  });
  // An input message's staged requests are recorded once the last of them is read: a message
  // whose staged requests did not all reach the log is decided again, from the state before it.
  let group: StagedGroup | undefined;
  const recordGroup = () => {
    // Staged by slot, so back in time order first (the order among equal times changes no window).
    const staged = (group?.staged ?? []).sort(([a], [b]) => a.time - b.time);
    for (const [request, verdict] of staged) rebuild(request, verdict, group?.source);
    group = undefined;
  };
  const staged = await readStream(js, jsm, names.stagedStream, (message) => {
    const source = message.headers?.get(sourceHeader);
    if (group && group.source !== source) recordGroup();
    group ??= { source, staged: [], messages: 0, rest: 0 };
    const verdicts = decodeDecisions(message.headers?.get(decisionHeader) ?? "");
    messageLines(message.string()).forEach((line, index) => {
      group!.staged.push([parseRequestLine(line), verdicts[index]!]);
    });
    group.messages++;
    group.rest = Number(message.headers?.get(restHeader) ?? 0);
  });
  const resume: Resume | undefined =
    group && group.rest > 0 ? { seq: sourceSeq(group.source), logged: group.messages } : undefined;
  if (!resume) recordGroup();
  log.info(`adt dcc stage: rebuilt from ${staged} staged requests and ${single} decided in one stage`);
  // The staged stream is this stage's alone: chained, so it never has a gap.
  const dcc: DccState = { state, passed, held, chain: await logChain(jsm, names.stagedStream), resume };
  const loop = await consumeBatches(
    js,
    jsm,
    names.requestsStream,
    names.dccConsumer,
    names.allRequests,
    resume?.seq ?? lastSource + 1,
    (batch) => passOn(context, dcc, batch),
  );
  const onDecision = ({ decided, request }: UserDecisionEvent) => {
    const wasHeld = held.delete(decided.requestId);
    // Counted here only if held, or passed on within the longest period (older ones are out of every window).
    if (!wasHeld && !passed.has(decided.requestId)) return;
    settle(state, request, decided.status === "deleted" ? "delete" : "process", wasHeld);
  };
  return { loop, onDecision };
}

/**
 * The staged messages of one input message read back from the log (how many, and their requests),
 * and how many more were to follow.
 */
type StagedGroup = {
  readonly source: string | undefined;
  readonly staged: [AdtRequest, Decision][];
  messages: number;
  rest: number;
};

/** An input message whose first `logged` staged messages reached the log before the stage stopped. */
type Resume = { readonly seq: number; readonly logged: number };

type DccState = {
  readonly state: AdtState;
  readonly passed: RecentIds;
  readonly held: Set<string>;
  readonly chain: LogChain;
  resume: Resume | undefined;
};

/**
 * Decides a batch and passes the requests on to their Users' slots: from each input message, one
 * staged message per slot, holding that slot's requests in order with their verdicts, and a
 * refusal notice for each line that cannot be decided.
 */
async function passOn(context: StageContext, dcc: DccState, batch: JsMsg[]) {
  const { names } = context;
  const outputs: Outgoing[] = [];
  for (const message of batch) {
    const passing: [AdtRequest, Decision, string][] = [];
    const lines = messageLines(message.string());
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      let request: ReturnType<typeof parseRequestLine>;
      let verdict: ReturnType<typeof decide>;
      try {
        request = parseRequestLine(line);
        if (dcc.passed.has(request.requestId)) continue;
        verdict = decide(dcc.state, request);
      } catch (error) {
        // A malformed or out-of-order request cannot be decided: it is left behind, with a notice.
        if (!(error instanceof InputError)) throw error;
        outputs.push(refusalNotice(context, "dcc stage", message, index, line, error.message));
        continue;
      }
      dcc.passed.add(request.requestId, request.time);
      if (verdict.outcome === "quarantined") dcc.held.add(request.requestId);
      passing.push([request, verdict, line]);
    }
    const bySlot = new Map<number, [AdtRequest, Decision, string][]>();
    for (const passed of passing) {
      const slot = slotOf(userToken(passed[0].userId));
      const share = bySlot.get(slot) ?? [];
      share.push(passed);
      bySlot.set(slot, share);
    }
    // Decided again after a stop part-way through its staged messages: only the rest go out.
    const skip = dcc.resume?.seq === message.seq ? dcc.resume.logged : 0;
    if (dcc.resume && message.seq >= dcc.resume.seq) dcc.resume = undefined;
    const shares = [...bySlot];
    for (let i = skip; i < shares.length; i++) {
      const [slot, share] = shares[i]!;
      const rest = shares.length - 1 - i;
      outputs.push({
        subject: names.staged(slot, usersToken(share.map(([request]) => request.userId))),
        data: share.map(([, , line]) => line).join("\n"),
        headers: {
          [decisionHeader]: share.map(([, verdict]) => encodeDecision(verdict)).join(","),
          [sourceHeader]: String(message.seq),
          ...(rest > 0 ? { [restHeader]: String(rest) } : {}),
        },
        once: { chain: dcc.chain },
      });
    }
  }
  await context.publisher.publish(outputs);
}
