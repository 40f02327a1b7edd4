import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { openStore } from "../../../src/workspace/store.js";
import { cliRun } from "../../support/cli.js";
import { repoRoot } from "../../support/shared.js";
import { embedded, type Provisioned } from "../backends.js";
import { putSystem, storeParties } from "./support.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);

describe("secg control run --store", () => {
  let provisioned: Provisioned;
  let dataDir: string;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    dataDir = provisioned.options.dataDir!;
    const store = await openStore(provisioned.options);
    await storeParties(store);
    await putSystem(store, "small-supplier");
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  const drift = (...extra: string[]) =>
    cliRun("control", "run", "drift", "--baseline", fixture("baseline.yaml"), "--data", dataDir, ...extra);

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

  it("approves the observed inventory as the system's baseline, then runs drift from the registers", async () => {
    // G3.1(b): the approved configuration is kept; G3.1(a)(i): drift is measured against it.
    const observed = ["--observed", fixture("inventory.json")];
    const target = ["--party", "small-supplier", "--system", "web-1", "--data", dataDir];
    const approve = await cliRun("control", "baseline", "approve", ...target, ...observed);
    expect(approve).toMatchObject({ code: 0, err: "" });
    expect(approve.out.split("\n")).toEqual([
      "baseline of web-1 approved: 5 added, 0 changed, 0 removed, 0 unchanged",
      "  + package openssl 3.0.11-1~deb12u2",
      "  + package nano:amd64 7.2-1",
      "  + package curl 7.88.1-10+deb12u8",
      "  + kernel kernel 6.1.0-28-amd64",
      "  + service sshd",
      "  kept as approved before: os (not observed)",
      "  kept as approved before: firmware (not observed)",
      "",
    ]);
    const again = await cliRun("control", "baseline", "approve", ...target, ...observed, "--json");
    expect(JSON.parse(again.out)).toMatchObject({ added: [], changed: [], removed: [], unchanged: 5 });

    const run = await cliRun("control", "run", "drift", ...observed, "--store", ...target, "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      status: "pass",
      result: { registers: { inventory: { items: 5 } } },
    });
    expect(
      await cliRun(
        "control",
        "baseline",
        "approve",
        ...target,
        "--observed",
        fixture("osquery-truncated.json"),
      ),
    ).toMatchObject({ code: 2, err: expect.stringMatching(/osquery-truncated\.json:\d+: expected/) });
  });
});
