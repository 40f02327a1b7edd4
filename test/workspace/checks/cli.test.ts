import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { registersOf } from "../../../src/workspace/registers/engine.js";
import { openStore } from "../../../src/workspace/store.js";
import { embedded, type Provisioned } from "../backends.js";
import { storeParties } from "../controls/support.js";

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("secg check run", () => {
  let provisioned: Provisioned;
  let dataDir: string;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    dataDir = provisioned.options.dataDir!;
    const store = await openStore(provisioned.options);
    await storeParties(store);
    // G4.2 with G4.3(a): could affect supply, with no screening on record.
    await registersOf(store.db, store.clock).put(
      "small-supplier",
      "people",
      { id: "ben", name: "Ben", canAffectSupply: true },
      { actor: "tester" },
    );
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  const check = (...extra: string[]) =>
    secg(
      "check",
      "run",
      "people",
      "--party",
      "small-supplier",
      "--data",
      dataDir,
      "--on",
      "2025-06-02",
      ...extra,
    );

  it("stores the run, prints its findings and exits 1 while there are any", async () => {
    const { code, out } = await check("--json");
    expect(code).toBe(1);
    const { run, findings } = JSON.parse(out);
    expect(run).toMatchObject({ control: "rule:people", status: "findings" });
    expect(findings.map((f: { obligations: string[] }) => f.obligations)).toEqual([["G4.3(a)"]]);
    const text = await check();
    expect(text.out).toContain("G4.3(a): ben");
  });

  it("refuses an unknown check and a bad date with exit 2", async () => {
    expect((await secg("check", "run", "pets", "--party", "small-supplier", "--data", dataDir)).code).toBe(2);
    expect((await check("--on", "2025-13-01")).code).toBe(2);
  });
});
