import { emptySummary, type ReplaySummary } from "../summary.js";
import { messageLines, type OutcomeMessage } from "./messages.js";
import { readServiceStream } from "./read-stream.js";

/**
 * The outcomes published so far, summarised as `secg adt replay` summarises a file, so a live
 * run can be compared with a replay of the same input (releases of quarantined requests, which
 * follow their Users' decisions, are left out). Lists are in request-time order (equal times by
 * RequestID), since the slots publish concurrently.
 */
export async function readOutcomes(options: { natsUrl: string; prefix?: string }): Promise<ReplaySummary> {
  const outcomes: OutcomeMessage[] = [];
  const client = { ...options, client: "secg-adt-outcomes" };
  await readServiceStream(
    client,
    (names) => names.outcomesStream,
    (message) => {
      for (const line of messageLines(message.string())) {
        const outcome = JSON.parse(line) as OutcomeMessage;
        // A release follows a User's later decision; the summary is of the decisions on receipt.
        if (!outcome.released) outcomes.push(outcome);
      }
    },
  );
  const timeOf = (o: OutcomeMessage) => Date.parse(String(o.request.time));
  outcomes.sort((a, b) => timeOf(a) - timeOf(b) || compare(a.requestId, b.requestId));
  const summary = emptySummary();
  for (const outcome of outcomes) {
    if (outcome.outcome === "processed") {
      summary.processed++;
      if (outcome.warned) summary.warned.push(outcome.requestId);
    } else if (outcome.outcome === "deleted") {
      summary.deleted.push(outcome.requestId);
    } else if (outcome.breach !== undefined) {
      summary.quarantined.push({ requestId: outcome.requestId, breach: outcome.breach });
    }
  }
  return summary;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
