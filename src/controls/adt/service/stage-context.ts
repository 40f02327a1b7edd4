import type { JetStreamClient, JetStreamManager } from "nats";
import type { ServiceNames } from "./subjects.js";

/** What every stage of the service works with. */
export type StageContext = {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
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
