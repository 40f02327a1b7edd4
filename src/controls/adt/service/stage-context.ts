import type { JetStreamClient, JetStreamManager } from "nats";
import type { Publisher } from "./publisher.js";
import type { ServiceNames } from "./subjects.js";

/** What every stage of the service works with. */
export type StageContext = {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  /** How stages publish their outputs: a batch at a time, each batch acknowledged as a whole. */
  readonly publisher: Publisher;
  readonly names: ServiceNames;
  /** How long a RequestID is remembered for de-duplication, in ms of request time. */
  readonly horizonMs: number;
  readonly log: StageLog;
};

export type StageLog = { readonly info: (message: string) => void; readonly warn: (message: string) => void };

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * JetStream API calls wait this long before failing: the default five seconds is too short on a
 * loaded machine, and a failed call stops the service.
 */
export const jetStreamOptions = { timeout: 30_000 };

/**
 * Options for every connection the service makes. Without `noAsyncTraces`, nats.js captures a
 * stack trace (an Error) for each JetStream publish so a timeout can say where it came from:
 * at one publish per outcome that was a fifth of the service's time.
 *
 * No `reconnect`: after a reconnect nats.js sends what it buffered meanwhile, while the bytes
 * in flight when the connection broke may be lost, so a later output could reach the log after
 * an earlier one was lost — a gap a restart, resuming after the last logged input, would never
 * fill. A lost connection instead fails every batch in flight and stops the service, which
 * leaves its logs as a crash does: each a prefix of what was handed to NATS.
 */
export const connectionOptions = { noAsyncTraces: true, reconnect: false };
