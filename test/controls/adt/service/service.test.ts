import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdtState } from "../../../../src/controls/adt/engine.js";
import { replay } from "../../../../src/controls/adt/replay.js";
import { readOutcomes } from "../../../../src/controls/adt/service/outcomes.js";
import { publishRequests } from "../../../../src/controls/adt/service/publish-requests.js";
import { type RunningService, startAdtService } from "../../../../src/controls/adt/service/service.js";
import type { Partition } from "../../../../src/controls/adt/service/subjects.js";
import { userToken } from "../../../../src/controls/adt/service/subjects.js";
import { parseThresholds } from "../../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../../src/controls/duis/service-requests.js";
import { quarantineOf } from "../../../../src/workspace/quarantine.js";
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
        quarantine: { hold: (entries) => quarantine.hold(entries, { actor: "service:test" }) },
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
