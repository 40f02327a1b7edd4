import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { AckPolicy, connect, type NatsConnection } from "nats";
import { parseRequestLine } from "../src/controls/adt/request-line.js";
import { requestsMessage } from "../src/controls/adt/service/publish-requests.js";
import { batchPublisher, type Outgoing } from "../src/controls/adt/service/publisher.js";
import { type RunningService, startAdtService } from "../src/controls/adt/service/service.js";
import { connectionOptions } from "../src/controls/adt/service/stage-context.js";
import { deleteStreams, ensureStreams } from "../src/controls/adt/service/streams.js";
import type { Partition } from "../src/controls/adt/service/subjects.js";
import { type ServiceNames, serviceNames, slotOf, userToken } from "../src/controls/adt/service/subjects.js";
import { parseThresholds } from "../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../src/controls/duis/service-requests.js";
import type { Bench, BenchResult } from "./harness.js";

/**
 * Requests per second end to end through NATS JetStream on this machine, from publishing the
 * requests until every outcome is on the stream. With one request a message, in three
 * configurations: one process deciding in one stage (requests → outcomes), one process through
 * the staged stream (requests → DCC stage → staged → User slots → outcomes), and two worker
 * processes (`--partition 0/2` and `1/2`) sharing the streams, so both cores decide. With many
 * requests a message (a gateway sending what arrived since its last publish), the same three. Each against the broker floor for the same messages: published and
 * consumed once with no decisions. Quarantined requests are only counted here, since the bench
 * measures the pipeline, not the database.
 */

export const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const count = Number(process.env.SECG_BENCH_NATS_REQUESTS ?? 20_000);
const users = Array.from({ length: 1000 }, (_, i) => `90-B3-D5-1F-${hex(i >> 8)}-${hex(i & 255)}-00-00`);

function hex(n: number): string {
  return n.toString(16).padStart(2, "0").toUpperCase();
}

/** Requests a message when a gateway sends many at once: what arrives in 2 ms at 50,000/s. */
const manyPerMessage = 100;

/** The bench's traffic as messages of `perMessage` requests, grouped as `secg adt publish` does. */
function traffic(names: ServiceNames, perMessage: number): Outgoing[] {
  const start = Date.UTC(2025, 2, 1, 10);
  const requests = Array.from({ length: count }, (_, i) => {
    const userId = users[i % users.length]!;
    const requestId = `${userId}:00-DB-12-34-56-78-90-A0:${i + 1}`;
    const time = new Date(start + i * 10).toISOString();
    const text = JSON.stringify({ requestId, srv: "7.2", commandVariant: 5, time });
    return { request: parseRequestLine(text), text };
  });
  const messages: Outgoing[] = [];
  for (let i = 0; i < requests.length; i += perMessage) {
    messages.push(requestsMessage(names, requests.slice(i, i + perMessage)));
  }
  return messages;
}

function thresholdsText(): string {
  const lines = ["thresholds:"];
  for (const userId of users) {
    lines.push(
      `  - { userId: "${userId}", srv: "7.2", measure: critical, warning: 20, quarantine: 30, period: PT1H }`,
    );
  }
  lines.push(`  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 100000, period: PT1H }`);
  return lines.join("\n");
}

async function publishAll(nc: NatsConnection, messages: readonly Outgoing[]) {
  const publisher = batchPublisher(nc, 30_000);
  for (let i = 0; i < messages.length; i += 4096) await publisher.publish(messages.slice(i, i + 4096));
  publisher.close();
}

async function waitFor(nc: NatsConnection, stream: string, n: number): Promise<void> {
  const jsm = await nc.jetstreamManager();
  while ((await jsm.streams.info(stream)).state.messages < n) await new Promise((r) => setTimeout(r, 5));
}

/** Requests per second, and this process's CPU time per request (robust to a busy machine's waits). */
type Measure = { readonly perSecond: number; readonly cpuUsPerRequest: number };

async function measure(work: () => Promise<void>): Promise<Measure> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const elapsed = performance.now() - start;
  const { user, system } = process.cpuUsage(cpu);
  return { perSecond: (count * 1000) / elapsed, cpuUsPerRequest: (user + system) / count };
}

/** The service as the bench runs it, in this process or in a worker process (adt-nats-worker.ts). */
export function benchService(
  prefix: string,
  partitions: Partition[],
  singleStage: boolean,
): Promise<RunningService> {
  const encryptedSrvs = new Set(defaultEncryptedResponseSrvs);
  let held = 0;
  return startAdtService({
    natsUrl,
    prefix,
    thresholds: parseThresholds(thresholdsText(), "bench.yaml", { encryptedSrvs }),
    partitions,
    singleStage,
    quarantine: {
      hold: async (entries) => {
        held += entries.length;
        return held;
      },
      decidedSince: async () => [],
    },
    log: { info: () => undefined, warn: () => undefined },
  });
}

/**
 * How many outcome messages the service publishes for these messages: one stage one per input
 * message; a staged run one per slot an input message has requests for.
 */
function outcomeMessages(messages: readonly Outgoing[], oneStage: boolean): number {
  if (oneStage) return messages.length;
  let staged = 0;
  for (const message of messages) {
    const slots = new Set(
      String(message.data)
        .split("\n")
        .map((line) =>
          slotOf(userToken((JSON.parse(line) as { requestId: string }).requestId.split(":")[0]!)),
        ),
    );
    staged += slots.size;
  }
  return staged;
}

/** Runs one configuration on fresh streams: `start` brings its workers up, `stop` ends them. */
async function endToEnd(
  perMessage: number,
  oneStage: boolean,
  start: (prefix: string) => Promise<() => Promise<number>>,
): Promise<Measure> {
  const prefix = `bench${randomBytes(4).toString("hex")}`;
  const names = serviceNames(prefix);
  const messages = traffic(names, perMessage);
  const expected = outcomeMessages(messages, oneStage);
  const nc = await connect({ ...connectionOptions, servers: natsUrl });
  const stop = await start(prefix);
  let stopped = false;
  try {
    const measured = await measure(async () => {
      await publishAll(nc, messages);
      await waitFor(nc, names.outcomesStream, expected);
    });
    stopped = true;
    const workerCpuUs = await stop();
    return { ...measured, cpuUsPerRequest: measured.cpuUsPerRequest + workerCpuUs / count };
  } finally {
    if (!stopped) await stop().catch(() => 0);
    await deleteStreams(await nc.jetstreamManager(), names);
    await nc.close();
  }
}

function inProcess(singleStage: boolean) {
  return async (prefix: string) => {
    const service = await benchService(prefix, [{ index: 0, of: 1 }], singleStage);
    return async () => {
      await service.stop();
      return 0;
    };
  };
}

const worker = fileURLToPath(new URL("./adt-nats-worker.ts", import.meta.url));

/** Worker processes, one per partition; each says when it is ready and, on SIGTERM, its CPU time. */
function workerProcesses(of: number) {
  return async (prefix: string) => {
    const children: ChildProcess[] = [];
    const cpu: Promise<number>[] = [];
    for (let index = 0; index < of; index++) {
      const child = spawn(process.execPath, ["--import", "tsx", worker, prefix, `${index}/${of}`], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      children.push(child);
      const lines: string[] = [];
      child.stdout!.setEncoding("utf8").on("data", (text: string) => lines.push(text));
      cpu.push(once(child, "exit").then(() => Number(lines.join("").split("\n").at(-2) ?? 0)));
      while (!lines.join("").includes("ready")) {
        const [code] = await Promise.race([once(child.stdout!, "data"), once(child, "exit")]);
        if (typeof code === "number") throw new Error(`bench worker ${index}/${of} exited with ${code}`);
      }
    }
    return async () => {
      for (const child of children) child.kill("SIGTERM");
      return (await Promise.all(cpu)).reduce((a, b) => a + b, 0);
    };
  };
}

async function brokerFloor(perMessage: number): Promise<Measure> {
  const names = serviceNames(`bench${randomBytes(4).toString("hex")}`);
  const messages = traffic(names, perMessage);
  const nc = await connect({ ...connectionOptions, servers: natsUrl });
  const jsm = await nc.jetstreamManager();
  try {
    await ensureStreams(jsm, names);
    await jsm.consumers.add(names.requestsStream, {
      durable_name: "floor",
      ack_policy: AckPolicy.All,
      max_ack_pending: 50_000,
    });
    const consumer = await nc.jetstream().consumers.get(names.requestsStream, "floor");
    const iterator = await consumer.consume({ max_messages: 2000 });
    return await measure(async () => {
      const consumed = (async () => {
        let seen = 0;
        for await (const message of iterator) {
          seen++;
          if (seen % 1000 === 0 || seen === messages.length) message.ack();
          if (seen === messages.length) iterator.stop();
        }
      })();
      await publishAll(nc, messages);
      await consumed;
    });
  } finally {
    await deleteStreams(jsm, names);
    await nc.close();
  }
}

export const adtNatsBenches: Bench[] = [
  {
    name: "adt.nats",
    run: async (): Promise<BenchResult> => {
      const floor = await brokerFloor(1);
      const manyFloor = await brokerFloor(manyPerMessage);
      const single = await endToEnd(1, true, inProcess(true));
      const staged = await endToEnd(1, false, inProcess(false));
      const two = await endToEnd(1, false, workerProcesses(2));
      const manySingle = await endToEnd(manyPerMessage, true, inProcess(true));
      const manyStaged = await endToEnd(manyPerMessage, false, inProcess(false));
      const manyTwo = await endToEnd(manyPerMessage, false, workerProcesses(2));
      const oneAMessage = Math.max(single.perSecond, staged.perSecond, two.perSecond);
      const best = Math.max(oneAMessage, manySingle.perSecond, manyStaged.perSecond, manyTwo.perSecond);
      const rounded = (n: number) => Math.round(n);
      return {
        name: "adt.nats",
        unit: "requests/s",
        value: best,
        baseline: { name: "JetStream publish + pull consume, no decisions", value: floor.perSecond },
        notes: {
          requests: count,
          users: users.length,
          target: 50_000,
          oneProcessOneStage: rounded(single.perSecond),
          oneProcessStaged: rounded(staged.perSecond),
          twoWorkerProcesses: rounded(two.perSecond),
          fractionOfFloor: Number((oneAMessage / floor.perSecond).toFixed(3)),
          requestsPerMessage: manyPerMessage,
          manyPerMessageOneStage: rounded(manySingle.perSecond),
          manyPerMessageStaged: rounded(manyStaged.perSecond),
          manyPerMessageTwoWorkers: rounded(manyTwo.perSecond),
          manyPerMessageFloor: rounded(manyFloor.perSecond),
          manyPerMessageFractionOfFloor: Number((manySingle.perSecond / manyFloor.perSecond).toFixed(3)),
          oneStageCpuUsPerRequest: rounded(single.cpuUsPerRequest),
          stagedCpuUsPerRequest: rounded(staged.cpuUsPerRequest),
          twoWorkersCpuUsPerRequest: rounded(two.cpuUsPerRequest),
          manyPerMessageOneStageCpuUsPerRequest: rounded(manySingle.cpuUsPerRequest),
          manyPerMessageStagedCpuUsPerRequest: rounded(manyStaged.cpuUsPerRequest),
          manyPerMessageTwoWorkersCpuUsPerRequest: rounded(manyTwo.cpuUsPerRequest),
          floorCpuUsPerRequest: rounded(floor.cpuUsPerRequest),
        },
      };
    },
  },
];
