import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StorageType } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdtState } from "../../../../src/controls/adt/engine.js";
import { replay } from "../../../../src/controls/adt/replay.js";
import type { OutcomeMessage } from "../../../../src/controls/adt/service/messages.js";
import { readOutcomes } from "../../../../src/controls/adt/service/outcomes.js";
import { publishRequests } from "../../../../src/controls/adt/service/publish-requests.js";
import { readStream } from "../../../../src/controls/adt/service/read-stream.js";
import { parseThresholds } from "../../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../../src/controls/duis/service-requests.js";
import { quarantineOf } from "../../../../src/workspace/quarantine.js";
import { openStore } from "../../../../src/workspace/store.js";
import { repoRoot } from "../../../support/shared.js";
import {
  endRun,
  linesIn,
  natsReachable,
  natsUrl,
  newRun,
  outcomeLinesReach,
  outcomesReach,
  type Run,
  streamCount,
  trafficThresholds,
  writeTraffic,
} from "./nats-support.js";

function serveProcess(run: Run, thresholds: string, data: string, partition?: string): ChildProcess {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repoRoot, "src/cli/main.ts"),
      "adt",
      "serve",
      "--thresholds",
      thresholds,
      "--prefix",
      run.prefix,
      "--nats",
      natsUrl,
      "--data",
      data,
      ...(partition === undefined ? [] : ["--partition", partition]),
    ],
    { cwd: repoRoot, env, stdio: ["ignore", "ignore", "inherit"] },
  );
}

function exited(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => child.once("exit", resolve));
}

describe.skipIf(!natsReachable)("a worker killed mid-stream", () => {
  let folder: string;
  let run: Run;
  const runs: Run[] = [];
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-adt-crash-"));
  });
  afterAll(async () => {
    for (const each of runs) await endRun(each);
    await rm(folder, { recursive: true, force: true });
  });

  // G6: nothing lost or decided twice across a crash; each request in exactly one of
  // processed, quarantined, deleted, and each quarantined one held once. One process decides in
  // one stage; two workers go through the staged stream, and both are killed. With 20 requests a
  // message the kill can also land between the staged messages of one input message, and five
  // times the traffic keeps the kill mid-stream at the faster pace.
  it.each([
    ["one process", [undefined], 1, 4000],
    ["two workers", ["0/2", "1/2"], 1, 4000],
    ["one process, 20 a message", [undefined], 20, 20_000],
    ["two workers, 20 a message", ["0/2", "1/2"], 20, 20_000],
  ])(
    "restarts to the same outcome as an uninterrupted run (%s)",
    async (_name, partitions, perMessage, requests) => {
      const thresholds = join(folder, "thresholds.yaml");
      const input = join(folder, "traffic.jsonl");
      await writeFile(thresholds, trafficThresholds());
      await writeTraffic(input, requests);
      run = await newRun();
      runs.push(run);
      const total = await publishRequests(input, { natsUrl, prefix: run.prefix, perMessage });
      // The embedded workspace opens in one process only: each worker keeps its own.
      const data = partitions.map((_, i) => join(folder, `workspace-${partitions.length}-${i}`));
      const start = () =>
        partitions.map((partition, i) => serveProcess(run, thresholds, data[i]!, partition));

      const first = start();
      await outcomesReach(run, 1);
      for (const worker of first) worker.kill("SIGKILL");
      await Promise.all(first.map(exited));
      expect(await linesIn(run, run.names.outcomesStream)).toBeLessThan(total);

      const second = start();
      try {
        await outcomeLinesReach(run, total);
      } finally {
        for (const worker of second) worker.kill("SIGTERM");
        await Promise.all(second.map(exited));
      }

      const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
      const parsed = parseThresholds(await readFile(thresholds, "utf8"), thresholds, options);
      const expected = await replay(input, createAdtState(parsed));
      expect(await linesIn(run, run.names.outcomesStream)).toBe(total);
      expect(await linesIn(run, run.names.stagedStream)).toBe(partitions.length > 1 ? total : 0);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);

      const held: string[] = [];
      for (const folderOf of data) {
        const store = await openStore({ dataDir: folderOf });
        try {
          held.push(...(await quarantineOf(store.db, store.clock).list()).map((r) => r.requestId));
        } finally {
          await store.close();
        }
      }
      expect(held.sort()).toEqual(expected.quarantined.map((q) => q.requestId).sort());
    },
    480_000,
  );
});

/** The released outcomes on the outcomes stream, by RequestID. */
async function releases(run: Run): Promise<string[]> {
  const found: string[] = [];
  const jsm = await run.nc.jetstreamManager();
  await readStream(run.nc.jetstream(), jsm, run.names.outcomesStream, (message) => {
    const outcome = message.json<OutcomeMessage>();
    if (outcome.released) found.push(outcome.requestId);
  });
  return found.sort();
}

async function decideOffline(data: string, requestId: string, decision: "delete" | "process") {
  const store = await openStore({ dataDir: data });
  try {
    const result = await quarantineOf(store.db, store.clock).decide(requestId, decision, {
      actor: "cli:test",
    });
    expect(result.found).toBe(true);
  } finally {
    await store.close();
  }
}

describe.skipIf(!natsReachable)("releasing quarantined requests across kills", () => {
  let folder: string;
  let run: Run;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-adt-release-"));
    run = await newRun();
  });
  afterAll(async () => {
    await endRun(run);
    await rm(folder, { recursive: true, force: true });
  });

  // G6.5 (the User decides: process): a released request is forwarded exactly once — a decision
  // made while no worker runs is forwarded on restart, and a worker killed just after forwarding
  // does not forward it again.
  it("forwards each processed request once", async () => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const data = join(folder, "workspace");
    await writeFile(thresholds, trafficThresholds());
    await writeTraffic(input, 600);
    // JetStream's own duplicate window would hide a second forward; only the service may prevent it.
    await run.nc.jetstreamManager().then((jsm) =>
      jsm.streams.add({
        name: run.names.outcomesStream,
        subjects: [run.names.allOutcomes],
        storage: StorageType.File,
        duplicate_window: 100_000_000,
      }),
    );
    const total = await publishRequests(input, { natsUrl, prefix: run.prefix });

    const first = serveProcess(run, thresholds, data);
    await outcomesReach(run, total);
    first.kill("SIGKILL");
    await exited(first);

    const store = await openStore({ dataDir: data });
    const waiting = await quarantineOf(store.db, store.clock).list({ status: "waiting" });
    await store.close();
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const [x, y] = waiting.map((r) => r.requestId) as [string, string];

    // The decision is durable before any worker sees it: the next start forwards it.
    await decideOffline(data, x, "process");
    const second = serveProcess(run, thresholds, data);
    await outcomesReach(run, total + 1);
    second.kill("SIGKILL");
    await exited(second);

    // Restarted after the forward: the release is in the log, so only the new decision goes out.
    await decideOffline(data, y, "process");
    const third = serveProcess(run, thresholds, data);
    try {
      await outcomesReach(run, total + 2);
    } finally {
      third.kill("SIGKILL");
      await exited(third);
    }
    expect(await releases(run)).toEqual([x, y].sort());
    expect(await streamCount(run, run.names.outcomesStream)).toBe(total + 2);
  }, 480_000);
});
