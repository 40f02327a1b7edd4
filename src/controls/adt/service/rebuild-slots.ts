import { type Decision, record, settle } from "../engine.js";
import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import { inFlightLimit } from "./batches.js";
import {
  decisionMessageId,
  loggedDecision,
  messageLines,
  type OutcomeMessage,
  sourceSeq,
} from "./messages.js";
import { readStream } from "./read-stream.js";
import type { StageContext } from "./stage-context.js";
import type { Slot } from "./user-stage.js";

/**
 * Rebuilding User slots from the outcomes log when a stage starts: each logged request recorded
 * with its decision in the slot that holds its User, releases settled, and each slot's
 * `lastSource` (where its consumer resumes) read from the outcomes' source header.
 *
 * Slots that share the outcomes stream with other processes' slots cannot chain it, so a
 * refused outcome (too big, a full stream) can leave a gap: outcomes the slot had in flight
 * behind it were stored. Resuming after the last logged one would skip the refused request for
 * good. Given `stagedFilter`, each slot's last `inFlightLimit` logged outcomes — all that can
 * follow a gap — are compared with the staged requests they came from. At the first staged
 * request with no logged outcome the slot's state stops: it resumes there, deciding again what
 * follows to the same decisions, and publishes none of the outputs already in the log.
 */

type Entry =
  | {
      readonly kind: "outcome";
      readonly request: AdtRequest;
      readonly decision: Decision;
      readonly source: number;
    }
  | { readonly kind: "release"; readonly request: AdtRequest };

/** A slot's latest logged entries, oldest first, from `head` on. */
type Tail = { readonly entries: Entry[]; head: number; outcomes: number };

/** Rebuilds the slots; answers how many outcomes it read for them. */
export async function rebuildSlots(
  context: StageContext,
  slotFor: (userId: string) => Slot | undefined,
  source: string,
  stagedFilter?: (slot: Slot) => string,
): Promise<number> {
  const { js, jsm, names } = context;
  const tails = new Map<Slot, Tail>();
  let rebuilt = 0;
  await readStream(js, jsm, names.outcomesStream, (message) => {
    const seq = sourceSeq(message.headers?.get(source));
    for (const line of messageLines(message.string())) {
      const outcome = JSON.parse(line) as OutcomeMessage;
      const slot = slotFor(outcome.userId);
      if (!slot) continue;
      const request = parseRequestLine(JSON.stringify(outcome.request));
      const entry: Entry = outcome.released
        ? { kind: "release", request }
        : { kind: "outcome", request, decision: loggedDecision(outcome), source: seq };
      if (entry.kind === "outcome") rebuilt++;
      if (!stagedFilter) {
        apply(slot, entry);
        continue;
      }
      let tail = tails.get(slot);
      if (!tail) {
        tail = { entries: [], head: 0, outcomes: 0 };
        tails.set(slot, tail);
      }
      tail.entries.push(entry);
      if (entry.kind === "outcome") tail.outcomes++;
      while (tail.outcomes > inFlightLimit) apply(slot, shift(tail));
    }
  });
  for (const [slot, tail] of tails) {
    await closeGap(context, slot, stagedFilter!(slot), tail.entries.slice(tail.head));
  }
  return rebuilt;
}

function shift(tail: Tail): Entry {
  const entry = tail.entries[tail.head++]!;
  if (entry.kind === "outcome") tail.outcomes--;
  // Dropped in bulk now and then, so taking from the front stays cheap on a long log.
  if (tail.head > 4096 && tail.head * 2 > tail.entries.length) {
    tail.entries.splice(0, tail.head);
    tail.head = 0;
  }
  return entry;
}

function apply(slot: Slot, entry: Entry): void {
  const { request } = entry;
  if (entry.kind === "release") {
    // Forwarded before the restart: settled now, and never forwarded again.
    if (slot.waiting.delete(request.requestId)) settle(slot.state, request, "process");
    return;
  }
  record(slot.state, request, entry.decision);
  if (entry.decision.outcome === "quarantined") slot.waiting.add(request.requestId);
  slot.decided.add(request.requestId, request.time);
  slot.lastSource = Math.max(slot.lastSource, entry.source);
}

async function closeGap(context: StageContext, slot: Slot, filter: string, entries: readonly Entry[]) {
  const { js, jsm, names, log } = context;
  const logged = new Set<number>();
  for (const entry of entries) if (entry.kind === "outcome") logged.add(entry.source);
  let gap: number | undefined;
  if (logged.size > 0) {
    const { state } = await jsm.streams.info(names.stagedStream);
    const from = Math.min(...logged);
    // Staged requests already gone by the stream's retention can no longer be decided again.
    if (from >= state.first_seq) {
      await readStream(
        js,
        jsm,
        names.stagedStream,
        (message) => {
          if (gap === undefined && !logged.has(message.seq)) gap = message.seq;
        },
        { filter, from, to: Math.max(...logged) },
      );
    }
  }
  for (const entry of entries) {
    const { requestId } = entry.request;
    if (gap === undefined) apply(slot, entry);
    else if (entry.kind === "outcome" && entry.source < gap) apply(slot, entry);
    else if (entry.kind === "outcome") slot.logged.add(decisionMessageId(requestId, entry.source));
    else if (slot.waiting.has(requestId)) apply(slot, entry);
    else slot.released.add(requestId);
  }
  if (gap !== undefined) {
    log.warn(
      `adt user slot (${filter}): staged request #${gap} has no outcome in the log; deciding again from there`,
    );
  }
}
