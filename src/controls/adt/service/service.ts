import { connect, type NatsConnection } from "nats";
import type { EngineOptions } from "../engine.js";
import type { Threshold } from "../thresholds.js";
import type { BatchLoop } from "./batches.js";
import { startDccStage } from "./dcc-stage.js";
import { type DecisionHandler, type DecisionSource, startDecisionFeed } from "./decision-feed.js";
import { batchPublisher } from "./publisher.js";
import { startSingleStage } from "./single-stage.js";
import type { StageLog } from "./stage-context.js";
import { connectionOptions, jetStreamOptions } from "./stage-context.js";
import { ensureStreams } from "./streams.js";
import { type Partition, serviceNames, slotCount, slotsOf } from "./subjects.js";
import { type QuarantineSink, startUserSlots } from "./user-stage.js";

/**
 * The live Threshold Anomaly Detection service: a two-stage pipeline over NATS JetStream.
 * requests → DCC stage (all Users, DCC levels and attribute limits) → staged, by slot →
 * User slots (each User's own levels) → outcomes and alerts, with quarantined requests held in
 * the workspace — or, when one process runs it all, one stage from requests to outcomes. Users'
 * later decisions on held requests are polled from the workspace and carried out by the stages
 * that counted them. See docs/adt-service.md and docs/deployment.md.
 */

export type ServiceOptions = {
  readonly natsUrl: string;
  readonly thresholds: readonly Threshold[];
  readonly engine?: EngineOptions;
  /** Subject and stream prefix (default "adt"). */
  readonly prefix?: string;
  /** The worker slots this process runs; each also runs the DCC stage when its index is 0. */
  readonly partitions: readonly Partition[];
  readonly quarantine: QuarantineSink & DecisionSource;
  /**
   * Whether a process running the DCC stage and every slot decides in one stage, skipping the
   * staged stream (default true; see single-stage.ts). It does so only while nothing was ever
   * staged: a stream set once run partitioned stays partitioned.
   */
  readonly singleStage?: boolean;
  /** How often Users' decisions are looked for in the workspace (default one second). */
  readonly decisionPollMs?: number;
  readonly log: StageLog;
};

export type RunningService = {
  /** Settles when the service stops; rejected when a stage failed (restart to recover). */
  readonly done: Promise<void>;
  readonly stop: () => Promise<void>;
};

const minuteMs = 60_000;

export async function startAdtService(options: ServiceOptions): Promise<RunningService> {
  const nc = await connect({ ...connectionOptions, servers: options.natsUrl, name: "secg-adt-serve" });
  try {
    return await startOn(nc, options);
  } catch (error) {
    await nc.close();
    throw error;
  }
}

async function startOn(nc: NatsConnection, options: ServiceOptions): Promise<RunningService> {
  const names = serviceNames(options.prefix);
  const jsm = await nc.jetstreamManager(jetStreamOptions);
  await ensureStreams(jsm, names);
  const publisher = batchPublisher(nc, jetStreamOptions.timeout);
  const context = {
    js: nc.jetstream(jetStreamOptions),
    jsm,
    publisher,
    names,
    horizonMs: dedupeHorizon(options.thresholds),
    log: options.log,
  };
  const engine = options.engine ?? {};
  const loops: BatchLoop[] = [];
  const handlers: DecisionHandler[] = [];
  const slots = new Set(options.partitions.flatMap(slotsOf));
  const runsDcc = options.partitions.some((partition) => partition.index === 0);
  const neverStaged = async () => (await jsm.streams.info(names.stagedStream)).state.last_seq === 0;
  if ((options.singleStage ?? true) && runsDcc && slots.size === slotCount && (await neverStaged())) {
    const single = await startSingleStage(context, options.thresholds, engine, options.quarantine);
    loops.push(...single.loops);
    handlers.push(single.onDecision);
  } else {
    // A single stage run before this one leaves its consumer behind; it is no longer read.
    await jsm.consumers.delete(names.requestsStream, names.singleConsumer).catch(() => false);
    if (runsDcc) {
      const dcc = await startDccStage(context, options.thresholds, engine);
      loops.push(dcc.loop);
      handlers.push(dcc.onDecision);
    }
    const users = await startUserSlots(context, [...slots], options.thresholds, engine, options.quarantine);
    loops.push(...users.loops);
    handlers.push(users.onDecision);
  }
  loops.push(startDecisionFeed(options.quarantine, options.decisionPollMs ?? 1000, handlers, options.log));
  options.log.info(`adt serve: ${loops.length - 1} consumers on ${options.natsUrl}`);

  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(loops.map((loop) => loop.stop()));
    publisher.close();
    if (!nc.isClosed()) await nc.drain();
  };
  // The connection does not reconnect (see connectionOptions): losing it stops the service.
  const lost = nc.closed().then((error) => {
    if (!stopping) throw new Error(`the NATS connection closed${error ? `: ${error.message}` : ""}`);
  });
  const done = Promise.race([Promise.all(loops.map((loop) => loop.done)), lost]).then(
    () => undefined,
    async (error: unknown) => {
      if (!stopping) await stop();
      throw error;
    },
  );
  return { done, stop };
}

/** Remember RequestIDs for the longest threshold period, and at least a minute. */
function dedupeHorizon(thresholds: readonly Threshold[]): number {
  let longest = minuteMs;
  for (const threshold of thresholds) {
    if (threshold.kind === "count") longest = Math.max(longest, threshold.periodMs);
  }
  return longest;
}
