/**
 * Helpers for tests against a real NATS JetStream server (127.0.0.1:4222 here and in CI): a
 * unique subject prefix per run, waiting for the outcomes stream to fill, and generated traffic.
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { type AddressInfo, createConnection, createServer, type Socket } from "node:net";
import { connect, type NatsConnection } from "nats";
import { messageLines } from "../../../../src/controls/adt/service/messages.js";
import { readStream } from "../../../../src/controls/adt/service/read-stream.js";
import { deleteStreams } from "../../../../src/controls/adt/service/streams.js";
import { type ServiceNames, serviceNames } from "../../../../src/controls/adt/service/subjects.js";
import { underCi } from "../../../support/shared.js";

export const natsUrl = process.env.NATS_URL ?? "nats://127.0.0.1:4222";

async function reachable(): Promise<boolean> {
  try {
    const nc = await connect({ servers: natsUrl, timeout: 1000 });
    await nc.close();
    return true;
  } catch (error) {
    if (underCi) throw error;
    return false;
  }
}

export const natsReachable = await reachable();

export type Run = { readonly prefix: string; readonly names: ServiceNames; readonly nc: NatsConnection };

export async function newRun(): Promise<Run> {
  const prefix = `t${randomBytes(5).toString("hex")}`;
  return { prefix, names: serviceNames(prefix), nc: await connect({ servers: natsUrl }) };
}

export async function endRun(run: Run): Promise<void> {
  await deleteStreams(await run.nc.jetstreamManager(), run.names);
  await run.nc.close();
}

export async function streamCount(run: Run, stream: string): Promise<number> {
  const jsm = await run.nc.jetstreamManager();
  try {
    return (await jsm.streams.info(stream)).state.messages;
  } catch {
    return 0;
  }
}

/** Waits until the outcomes stream holds `count` outcomes (a progress wait, not a timing check). */
export function outcomesReach(run: Run, count: number, withinMs = 120_000): Promise<void> {
  return messagesReach(run, run.names.outcomesStream, count, withinMs);
}

/** Waits until `stream` holds `count` messages (a progress wait, not a timing check). */
export async function messagesReach(
  run: Run,
  stream: string,
  count: number,
  withinMs = 120_000,
): Promise<void> {
  const until = Date.now() + withinMs;
  while ((await streamCount(run, stream)) < count) {
    if (Date.now() > until) throw new Error(`${stream} did not reach ${count} messages`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many requests, or outcomes, a stream's messages carry: their lines, counted. */
export async function linesIn(run: Run, stream: string): Promise<number> {
  let lines = 0;
  await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), stream, (message) => {
    lines += messageLines(message.string()).length;
  });
  return lines;
}

/**
 * Waits until the outcomes stream holds `count` outcomes however many share a message (a
 * progress wait, not a timing check).
 */
export async function outcomeLinesReach(run: Run, count: number, withinMs = 120_000): Promise<void> {
  const until = Date.now() + withinMs;
  while ((await linesIn(run, run.names.outcomesStream)) < count) {
    if (Date.now() > until) throw new Error(`outcomes did not reach ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const trafficUsers = Array.from(
  { length: 12 },
  (_, i) => `90-B3-D5-1F-30-${(i + 1).toString(16).padStart(2, "0").toUpperCase()}-00-00`,
);

/**
 * Thresholds that make every outcome appear: each User's own levels on 7.2, a DCC level on it,
 * and a price limit on 1.2.1 (deleting SMETS1 requests, quarantining others).
 */
export function trafficThresholds(): string {
  const lines = ["thresholds:"];
  for (const userId of trafficUsers) {
    lines.push(
      `  - { userId: "${userId}", srv: "7.2", measure: critical, warning: 3, quarantine: 5, period: PT60S }`,
    );
  }
  lines.push(
    `  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 40, period: PT60S }`,
    `  - { scope: dcc, srv: "1.2.1", value: price, min: 0, max: 100000 }`,
  );
  return `${lines.join("\n")}\n`;
}

/** Deterministic traffic: `count` requests 200 ms apart from a pseudo-random User. */
export async function writeTraffic(file: string, count: number): Promise<void> {
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const start = Date.UTC(2025, 2, 1, 10);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = trafficUsers[Math.floor(next() * trafficUsers.length)]!;
    const time = new Date(start + i * 200).toISOString();
    const requestId = `${userId}:00-DB-12-34-56-78-90-A0:${i + 1}`;
    const priced = next() < 0.1;
    lines.push(
      JSON.stringify(
        priced
          ? {
              requestId,
              srv: "1.2.1",
              commandVariant: 4,
              time,
              smets1: next() < 0.5,
              values: { price: next() < 0.3 ? 200000 : 500 },
            }
          : { requestId, srv: "7.2", commandVariant: 5, time },
      ),
    );
  }
  await writeFile(file, `${lines.join("\n")}\n`);
}

export type NatsProxy = {
  readonly url: string;
  readonly cut: () => void;
  readonly close: () => Promise<void>;
};

/**
 * A TCP relay to the NATS server whose `cut` breaks every connection through it at once,
 * dropping whatever it had not relayed yet — a network fault, as a client sees one.
 */
export async function natsProxy(): Promise<NatsProxy> {
  const target = new URL(natsUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 4222), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `nats://127.0.0.1:${port}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
