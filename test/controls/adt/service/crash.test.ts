import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdtState } from "../../../../src/controls/adt/engine.js";
import { replay } from "../../../../src/controls/adt/replay.js";
import { readOutcomes } from "../../../../src/controls/adt/service/outcomes.js";
import { publishRequests } from "../../../../src/controls/adt/service/publish-requests.js";
import { parseThresholds } from "../../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../../src/controls/duis/service-requests.js";
import { quarantineOf } from "../../../../src/workspace/quarantine.js";
import { openStore } from "../../../../src/workspace/store.js";
import { repoRoot } from "../../../support/shared.js";
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

function serveProcess(run: Run, thresholds: string, data: string): ChildProcess {
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
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-adt-crash-"));
    run = await newRun();
  });
  afterAll(async () => {
    await endRun(run);
    await rm(folder, { recursive: true, force: true });
  });

  // G6: nothing lost or decided twice across a crash; each request in exactly one of
  // processed, quarantined, deleted, and each quarantined one held once.
  it("restarts to the same outcome as an uninterrupted run", async () => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const data = join(folder, "workspace");
    await writeFile(thresholds, trafficThresholds());
    await writeTraffic(input, 4000);
    const total = await publishRequests(input, { natsUrl, prefix: run.prefix });

    const first = serveProcess(run, thresholds, data);
    await outcomesReach(run, 1);
    first.kill("SIGKILL");
    await exited(first);
    const atKill = await streamCount(run, run.names.outcomesStream);
    expect(atKill).toBeLessThan(total);

    const second = serveProcess(run, thresholds, data);
    try {
      await outcomesReach(run, total);
    } finally {
      second.kill("SIGTERM");
      await exited(second);
    }

    const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
    const parsed = parseThresholds(await readFile(thresholds, "utf8"), thresholds, options);
    const expected = await replay(input, createAdtState(parsed));
    expect(await streamCount(run, run.names.outcomesStream)).toBe(total);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);

    const store = await openStore({ dataDir: data });
    try {
      const held = await quarantineOf(store.db, store.clock).list();
      expect(held.map((r) => r.requestId).sort()).toEqual(
        expected.quarantined.map((q) => q.requestId).sort(),
      );
    } finally {
      await store.close();
    }
  }, 480_000);
});
