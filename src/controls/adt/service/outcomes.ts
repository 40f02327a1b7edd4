import { connect } from "nats";
import { emptySummary, type ReplaySummary } from "../summary.js";
import { messageLines, type OutcomeMessage } from "./messages.js";
import { readStream } from "./read-stream.js";
import { connectionOptions, jetStreamOptions } from "./stage-context.js";
import { serviceNames } from "./subjects.js";

/**
 * The outcomes published so far, summarised as `secg adt replay` summarises a file, so a live
 * run can be compared with a replay of the same input (releases of quarantined requests, which
 * follow their Users' decisions, are left out). Lists are in request-time order (equal times by
 * RequestID), since the slots publish concurrently.
 */
export async function readOutcomes(options: { natsUrl: string; prefix?: string }): Promise<ReplaySummary> {
  const names = serviceNames(options.prefix);
  const nc = await connect({ ...connectionOptions, servers: options.natsUrl, name: "secg-adt-outcomes" });
  const outcomes: OutcomeMessage[] = [];
  try {
    const jsm = await nc.jetstreamManager(jetStreamOptions);
    await readStream(nc.jetstream(jetStreamOptions), jsm, names.outcomesStream, (message) => {
      for (const line of messageLines(message.string())) {
        const outcome = JSON.parse(line) as OutcomeMessage;
        // A release follows a User's later decision; the summary is of the decisions on receipt.
        if (!outcome.released) outcomes.push(outcome);
      }
    });
  } finally {
    await nc.close();
  }
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
