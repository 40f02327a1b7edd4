import { type JetStreamManager, RetentionPolicy, StorageType } from "nats";
import type { ServiceNames } from "./subjects.js";

/**
 * Creates the service's streams when they are missing. All are file-backed and limit-retained
 * (the outcomes stream is the decision log a restart rebuilds from); publishing with the
 * RequestID as message id lets JetStream drop a republished request within its duplicate window.
 */
export async function ensureStreams(jsm: JetStreamManager, names: ServiceNames): Promise<void> {
  const streams: [string, string][] = [
    [names.requestsStream, names.allRequests],
    [names.stagedStream, names.allStaged],
    [names.outcomesStream, names.allOutcomes],
    [names.alertsStream, names.allAlerts],
    [names.refusedStream, names.allRefused],
  ];
  for (const [name, subject] of streams) {
    try {
      await jsm.streams.info(name);
    } catch {
      await jsm.streams.add({
        name,
        subjects: [subject],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: 2 * 60 * 1_000_000_000,
      });
    }
  }
}

/** Removes the service's streams and their consumers (tests and benches use unique prefixes). */
export async function deleteStreams(jsm: JetStreamManager, names: ServiceNames): Promise<void> {
  const all = [
    names.requestsStream,
    names.stagedStream,
    names.outcomesStream,
    names.alertsStream,
    names.refusedStream,
  ];
  for (const name of all) {
    await jsm.streams.delete(name).catch(() => false);
  }
}
