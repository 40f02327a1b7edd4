import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { openStore } from "../../../src/workspace/store.js";
import { repoRoot } from "../../support/shared.js";
import { embedded, type Provisioned } from "../backends.js";
import { storeParties } from "./support.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("secg control run --store", () => {
  let provisioned: Provisioned;
  let dataDir: string;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    dataDir = provisioned.options.dataDir!;
    const store = await openStore(provisioned.options);
    await storeParties(store);
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  const drift = (...extra: string[]) =>
    secg("control", "run", "drift", "--baseline", fixture("baseline.yaml"), "--data", dataDir, ...extra);

  it("stores the run as evidence for the party and prints it", async () => {
    // G3.1(a)(i), G3.2(a): the run is kept against the User's obligations.
    const { code, out } = await drift(
      "--observed",
      fixture("inventory.json"),
      "--store",
      "--party",
      "small-supplier",
      "--system",
      "web-1",
      "--json",
    );
    expect(code).toBe(0);
    const run = JSON.parse(out);
    expect(run).toMatchObject({
      party: "small-supplier",
      system: "web-1",
      status: "pass",
      obligations: ["G3.1", "G3.2"],
    });
    const store = await openStore(provisioned.options);
    try {
      expect((await controlRunsOf(store.db, store.clock).list("small-supplier")).map((r) => r.id)).toEqual([
        run.id,
      ]);
    } finally {
      await store.close();
    }
  });

  it("keeps a run whose input is bad as an error run and exits 2", async () => {
    const { code, err } = await drift(
      "--observed",
      fixture("osquery-truncated.json"),
      "--store",
      "--party",
      "small-supplier",
    );
    expect(code).toBe(2);
    expect(err).toMatch(/osquery-truncated\.json:\d+: expected .* \(stored as error run [0-9a-f-]+\)/);
  });

  it("asks for --party with --store, and --store with --party", async () => {
    expect(await drift("--observed", fixture("inventory.json"), "--store")).toMatchObject({
      code: 2,
      err: "secg: at --party: expected the party the run is for, with --store\n",
    });
    expect((await drift("--observed", fixture("inventory.json"), "--party", "p")).code).toBe(2);
  });
});
