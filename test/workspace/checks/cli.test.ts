import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
  // The policy and event files the commands read.
  let files: string;

  beforeEach(async () => {
    files = await mkdtemp(join(tmpdir(), "secg-check-files-"));
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
  afterEach(async () => {
    await rm(files, { recursive: true, force: true });
    await provisioned.dispose();
  });

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

  it("sets and shows the party's policy, refusing a bad file with exit 2", async () => {
    const file = join(files, "policy.yaml");
    const party = ["--party", "small-supplier", "--data", dataDir];
    expect((await secg("party", "policy", "show", ...party)).out).toContain("No policy set");
    // G3.13(b): the cooling-off period is the User's to set, in whole days.
    await writeFile(file, "coolingOffDays: 1.5\n");
    const bad = await secg("party", "policy", "set", file, ...party);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("policy.yaml:1 at coolingOffDays");
    await writeFile(file, "coolingOffDays: 90\npromptHours: 48\n");
    expect((await secg("party", "policy", "set", file, ...party)).code).toBe(0);
    const shown = await secg("party", "policy", "show", ...party, "--json");
    expect(JSON.parse(shown.out)).toMatchObject({
      version: 1,
      policy: { coolingOffDays: 90, promptHours: 48 },
    });
  });

  it("runs the keys check over an events file (G3.29)", async () => {
    const store = await openStore(provisioned.options);
    await registersOf(store.db, store.clock).put(
      "small-supplier",
      "keys",
      { id: "cmd-1", kind: "command-signing", purposes: ["command-signature"] },
      { actor: "tester" },
    );
    await store.close();
    const events = join(files, "events.jsonl");
    await writeFile(
      events,
      '{"time":"2025-06-01T10:00:00Z","keyId":"cmd-9","purpose":"csr","actor":"ops"}\n',
    );
    const run = ["check", "run", "keys", "--party", "small-supplier", "--data", dataDir, "--events", events];
    const { code, out } = await secg(...run, "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.map((f: { title: string }) => f.title)).toEqual([
      "G3.29: unknown-key with key cmd-9",
    ]);
    await writeFile(events, '{"time":"2025-06-01T10:00:00Z","keyId":"cmd-9"}\n');
    expect((await secg(...run)).err).toContain("events.jsonl:1 at purpose");
  });

  it("runs the certificates check for the DCC with --ecos-live-date (G2.58)", async () => {
    const store = await openStore(provisioned.options);
    await registersOf(store.db, store.clock).put(
      "dcc",
      "keys",
      {
        id: "acb-new",
        kind: "command-signing",
        purposes: ["command-signature"],
        remotePartyRole: "accessControlBroker",
        gbcsRole: true,
        nonGbcsUse: true,
        subscribed: "2025-09-01",
        expires: "2028-08-31",
        keyReplaced: "2025-10-01",
      },
      { actor: "tester" },
    );
    await store.close();
    const run = ["check", "run", "certificates", "--party", "dcc", "--data", dataDir, "--on", "2026-01-15"];
    const { code, out } = await secg(...run, "--ecos-live-date", "2025-06-30");
    expect(code).toBe(1);
    expect(out).toContain("G2.58: Organisation Certificate of key acb-new");
    expect((await secg(...run, "--ecos-live-date", "30/06/2025")).err).toContain("--ecos-live-date");
  });

  it("refuses an unknown check and a bad date with exit 2", async () => {
    expect((await secg("check", "run", "pets", "--party", "small-supplier", "--data", dataDir)).code).toBe(2);
    expect((await check("--on", "2025-13-01")).code).toBe(2);
  });
});
