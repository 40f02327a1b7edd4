import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdtState } from "../../../../src/controls/adt/engine.js";
import { replay } from "../../../../src/controls/adt/replay.js";
import type { OutcomeMessage } from "../../../../src/controls/adt/service/messages.js";
import { readOutcomes } from "../../../../src/controls/adt/service/outcomes.js";
import { publishRequests } from "../../../../src/controls/adt/service/publish-requests.js";
import { readStream } from "../../../../src/controls/adt/service/read-stream.js";
import { type RunningService, startAdtService } from "../../../../src/controls/adt/service/service.js";
import type { Partition } from "../../../../src/controls/adt/service/subjects.js";
import { userToken } from "../../../../src/controls/adt/service/subjects.js";
import { parseThresholds } from "../../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../../src/controls/duis/service-requests.js";
import { quarantineOf, quarantineSink } from "../../../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../../../src/workspace/store.js";
import { repoRoot } from "../../../support/shared.js";
import { embedded, type Provisioned } from "../../../workspace/backends.js";
import {
  endRun,
  natsReachable,
  natsUrl,
  newRun,
  outcomesReach,
  type Run,
  streamCount,
  trafficThresholds,
  trafficUsers,
  writeTraffic,
} from "./nats-support.js";

const fixtures = join(repoRoot, "test/fixtures/adt");
const quiet = { info: () => undefined, warn: () => undefined };

async function replayed(thresholdsFile: string, input: string) {
  const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
  const thresholds = parseThresholds(await readFile(thresholdsFile, "utf8"), thresholdsFile, options);
  return replay(input, createAdtState(thresholds));
}

describe.skipIf(!natsReachable)("secg adt serve over NATS JetStream", { timeout: 120_000 }, () => {
  let folder: string;
  let provisioned: Provisioned;
  let store: Store;
  let run: Run;
  const services: RunningService[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-adt-nats-"));
    await writeFile(join(folder, "thresholds.yaml"), trafficThresholds());
    await writeTraffic(join(folder, "traffic.jsonl"), 3000);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  beforeEach(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    run = await newRun();
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await endRun(run);
    await store.close();
    await provisioned.dispose();
  });

  async function serve(thresholdsFile: string, partitions: Partition[]): Promise<void> {
    const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
    const thresholds = parseThresholds(await readFile(thresholdsFile, "utf8"), thresholdsFile, options);
    const quarantine = quarantineOf(store.db, store.clock);
    services.push(
      await startAdtService({
        natsUrl,
        prefix: run.prefix,
        thresholds,
        partitions,
        quarantine: quarantineSink(quarantine, { actor: "service:test" }),
        decisionPollMs: 50,
        log: quiet,
      }),
    );
  }

  // G6.3, G6.6: live decisions are the replay's decisions — same input, same outcome.
  it("gives the same outcome as secg adt replay on the same input", async () => {
    const thresholds = join(fixtures, "thresholds.yaml");
    const input = join(fixtures, "requests.jsonl");
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }]);
    await outcomesReach(run, published);
    const expected = await replayed(thresholds, input);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
    // Every quarantined request is held in the workspace, once.
    const held = await quarantineOf(store.db, store.clock).list();
    expect(held.map((r) => r.requestId).sort()).toEqual(expected.quarantined.map((q) => q.requestId).sort());
    expect(await streamCount(run, run.names.alertsStream)).toBe(expected.quarantined.length);
  });

  // G6: at-least-once delivery de-duplicated by RequestID — a request delivered twice is decided once.
  it("decides a request delivered twice only once", async () => {
    const thresholds = join(fixtures, "thresholds.yaml");
    const input = join(fixtures, "requests.jsonl");
    const lines = (await readFile(input, "utf8")).split("\n").filter((line) => line.trim() !== "");
    const js = run.nc.jetstream();
    await serve(thresholds, [{ index: 0, of: 1 }]);
    // No message id: JetStream's own duplicate window cannot drop these, only the service can.
    for (const line of lines) {
      const userId = (JSON.parse(line) as { requestId: string }).requestId.split(":")[0]!;
      await js.publish(run.names.requests(userToken(userId)), line);
      await js.publish(run.names.requests(userToken(userId)), line);
    }
    await outcomesReach(run, lines.length);
    expect(await streamCount(run, run.names.requestsStream)).toBe(2 * lines.length);
    expect(await streamCount(run, run.names.stagedStream)).toBe(lines.length);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
  });

  // G6.6(a): DCC-wide levels count all Users' traffic even when Users are split over workers.
  it("two workers sharing the stream decide as one engine does", async () => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 2 }]);
    await serve(thresholds, [{ index: 1, of: 2 }]);
    await outcomesReach(run, published);
    const expected = await replayed(thresholds, input);
    expect(expected.quarantined.some((q) => q.breach === "dcc-threshold")).toBe(true);
    expect(expected.quarantined.some((q) => q.breach === "user-threshold")).toBe(true);
    expect(expected.deleted.length).toBeGreaterThan(0);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
  });

  // G6.5 (the User decides delete or process) and adt.md ("excluding requests already deleted"):
  // a deleted request leaves the windows, so the next one is judged as if it never came; a
  // processed one is forwarded on the outcomes subject once.
  it("carries out Users' decisions: delete uncounts, process forwards", async () => {
    const [userA, userB] = trafficUsers as [string, string];
    const thresholds = join(folder, "decisions.yaml");
    await writeFile(
      thresholds,
      [
        "thresholds:",
        `  - { userId: "${userA}", srv: "7.2", measure: critical, quarantine: 1, period: PT10S }`,
        `  - { userId: "${userB}", srv: "7.2", measure: critical, quarantine: 0, period: PT10S }`,
      ].join("\n"),
    );
    const line = (userId: string, counter: number, second: number) =>
      JSON.stringify({
        requestId: `${userId}:00-DB-12-34-56-78-90-A0:${counter}`,
        srv: "7.2",
        commandVariant: 5,
        time: new Date(Date.UTC(2025, 2, 1, 10, 0, second)).toISOString(),
      });
    const js = run.nc.jetstream();
    const send = (userId: string, counter: number, second: number) =>
      js.publish(run.names.requests(userToken(userId)), line(userId, counter, second));
    await serve(thresholds, [{ index: 0, of: 1 }]);
    await send(userA, 1, 0);
    await send(userA, 2, 5);
    await send(userB, 3, 6);
    await outcomesReach(run, 3);
    const summary = await readOutcomes({ natsUrl, prefix: run.prefix });
    const id = (userId: string, counter: number) => `${userId}:00-DB-12-34-56-78-90-A0:${counter}`;
    expect(summary.quarantined.map((q) => q.requestId)).toEqual([id(userA, 2), id(userB, 3)]);

    const quarantine = quarantineOf(store.db, store.clock);
    await quarantine.decide(id(userA, 2), "delete", { actor: "cli:test" });
    await quarantine.decide(id(userB, 3), "process", { actor: "cli:test" });
    // The release is handed on after the deletion before it, so once it is out both took effect.
    await outcomesReach(run, 4);
    // At 12 s the window (2 s, 12 s] holds only the deleted request: without it, one is not above 1.
    await send(userA, 4, 12);
    await outcomesReach(run, 5);
    const after = await readOutcomes({ natsUrl, prefix: run.prefix });
    expect(after.processed).toBe(2);
    expect(after.quarantined.map((q) => q.requestId)).toEqual([id(userA, 2), id(userB, 3)]);
    const released: OutcomeMessage[] = [];
    await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), run.names.outcomesStream, (m) => {
      const outcome = m.json<OutcomeMessage>();
      if (outcome.released) released.push(outcome);
    });
    expect(released).toMatchObject([
      { requestId: id(userB, 3), outcome: "processed", released: true, decidedBy: "cli:test" },
    ]);
  });

  // G6: state is rebuilt on restart from the service's own logs: a stopped service resumes exactly.
  it("resumes after a stop with the same outcome as an uninterrupted run", async () => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }]);
    await outcomesReach(run, 1);
    await services.pop()!.stop();
    await serve(thresholds, [{ index: 0, of: 1 }]);
    await outcomesReach(run, published);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
  });
});
