import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { parseProfile } from "../../src/obligations/profile.js";
import { seedDemoParties } from "../../src/workspace/demo-data.js";
import { type Parties, partiesOf } from "../../src/workspace/parties.js";
import type { Store } from "../../src/workspace/store.js";
import { repoRoot } from "../support/shared.js";
import { backends, embedded, freshStore, type Provisioned, rowsOf, type TestStore } from "./backends.js";

const profilesDir = join(repoRoot, "test/fixtures/profiles");
const fixture = async (name: string) =>
  parseProfile(await readFile(join(profilesDir, `${name}.yaml`), "utf8"), `${name}.yaml`);

async function auditEntries(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows.map((row) => JSON.parse(row.entry) as Record<string, unknown>);
}

async function partyCount(store: Store): Promise<number | undefined> {
  const [row] = await rowsOf<{ n: number }>(store, sql`select count(*)::int as n from parties`);
  return row?.n;
}

describe.each(backends)("parties register on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let parties: Parties;

    beforeEach(async () => {
      store = await freshStore(backend);
      parties = partiesOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("stores new parties with one audit entry each, and storing the same again changes nothing", async () => {
      // G2.6(a), G3.3(a): every change to the store has its record, written with it.
      const profiles = [await fixture("srp-one"), await fixture("srp-supplier")];
      const first = await parties.putAll(profiles, { actor: "tester" });
      expect(first.map((r) => [r.party.id, r.outcome])).toEqual([
        ["srp-one", "created"],
        ["srp-supplier", "created"],
      ]);
      expect(await parties.get("srp-supplier")).toMatchObject({
        name: "Hosted Supply Ltd",
        profile: profiles[1],
        updatedAt: "2025-06-02T09:30:00.000Z",
      });
      const again = await parties.putAll(profiles, { actor: "tester" });
      expect(again.map((r) => r.outcome)).toEqual(["unchanged", "unchanged"]);
      const entries = await auditEntries(store);
      expect(entries.map((e) => [e.action, e.target, e.actor])).toEqual([
        ["party.create", "party:srp-one", "tester"],
        ["party.create", "party:srp-supplier", "tester"],
      ]);
    });

    it("updates a changed profile and records the hashes before and after", async () => {
      const profile = await fixture("small-supplier");
      await parties.putAll([profile], { actor: "tester" });
      const grown = { ...profile, premises: { domestic: 300_000, nonDomestic: 2000 } };
      const [result] = await parties.putAll([grown], { actor: "tester" });
      expect(result?.outcome).toBe("updated");
      expect((await parties.get("small-supplier"))?.profile.premises.domestic).toBe(300_000);
      const update = (await auditEntries(store)).at(-1)!;
      expect(update).toMatchObject({ action: "party.update", target: "party:small-supplier" });
      const detail = update.detail as Record<string, string>;
      expect(detail.previousSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(detail.profileSha256).not.toBe(detail.previousSha256);
    });

    it("refuses a batch that names one id twice, storing none of it", async () => {
      const one = await fixture("srp-one");
      await expect(parties.putAll([one, one], { actor: "tester" })).rejects.toThrow(/given twice/);
      expect(await partyCount(store)).toBe(0);
      expect(await auditEntries(store)).toEqual([]);
    });

    it("answers obligations with every stored party as a peer, and what changes between two dates", async () => {
      // G8.43: a provider's customers' premises count, so the peers must come from the store.
      await parties.putAll([await fixture("srp-one"), await fixture("srp-supplier")], { actor: "tester" });
      const answer = await parties.obligationsOf("srp-one", "2025-01-01");
      expect(answer?.codeVersion.label).toBe("sec-current");
      expect(answer?.roles.map((r) => r.role)).toEqual(["shared-resource-provider"]);
      expect(await parties.obligationsOf("nobody", "2025-01-01")).toBeUndefined();

      // G3.20 as corrected by DP087: still binding the supplier, under a rewritten entry.
      const diff = await parties.obligationsDiff("srp-supplier", "2022-01-01", "2022-07-01");
      const role = diff?.roles.find((r) => r.role === "import-supplier");
      expect(diff?.from.codeVersion.label).toBe("sec-2020-03");
      expect(diff?.to.codeVersion.label).toBe("sec-dp087");
      expect(role).toMatchObject({ starts: [], stops: [], changed: [{ id: "G3.20", entryChanged: true }] });
      await expect(parties.obligationsDiff("srp-supplier", "2025-01-01", "2020-01-01")).rejects.toThrow(
        "at to: expected a date after 2025-01-01",
      );
    });

    it("seeds the demonstration parties once", async () => {
      const first = await seedDemoParties(parties);
      expect(first.length).toBeGreaterThanOrEqual(3);
      expect(first.every((r) => r.outcome === "created")).toBe(true);
      expect((await seedDemoParties(parties)).every((r) => r.outcome === "unchanged")).toBe(true);
    });
  });
});

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe("secg party import|list|export", () => {
  let provisioned: Provisioned;
  let data: string;
  let folder: string;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    data = provisioned.options.dataDir!;
    folder = await mkdtemp(join(tmpdir(), "secg-party-cli-"));
    await writeFile(join(folder, "bad.yaml"), "id: bad\nname: Bad Ltd\nroles:\n  - role: importer\n");
  });
  afterAll(async () => {
    await provisioned.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it("checks every file first: one bad profile stores nothing and exits 2 naming it", async () => {
    const result = await secg(
      "party",
      "import",
      join(profilesDir, "srp-one.yaml"),
      join(folder, "bad.yaml"),
      "--data",
      data,
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${join(folder, "bad.yaml")}:4 at roles[0].role: expected one of`);
    const list = await secg("party", "list", "--data", data, "--json");
    expect(JSON.parse(list.out)).toEqual({ parties: [] });
  });

  it("refuses two files with the same id", async () => {
    await writeFile(join(folder, "copy.yaml"), await readFile(join(profilesDir, "srp-one.yaml"), "utf8"));
    const result = await secg(
      "party",
      "import",
      join(profilesDir, "srp-one.yaml"),
      join(folder, "copy.yaml"),
      "--data",
      data,
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain("at id: expected a party id not used by another file");
    await rm(join(folder, "copy.yaml"));
  });

  it("imports, lists, and exports profiles that import back unchanged", async () => {
    const files = ["large-supplier", "network-party", "dcc"].map((n) => join(profilesDir, `${n}.yaml`));
    const imported = await secg("party", "import", ...files, "--data", data, "--json");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out).parties.map((p: { outcome: string }) => p.outcome)).toEqual([
      "created",
      "created",
      "created",
    ]);
    const list = await secg("party", "list", "--data", data);
    expect(list.out).toContain(
      "network-party: Northern Wires plc (electricity-distributor, registration-data-provider)",
    );

    const out = join(folder, "export");
    expect((await secg("party", "export", "--out", out, "--data", data)).code).toBe(0);
    const written = (await readdir(out)).sort();
    expect(written).toEqual(["dcc.yaml", "large-supplier.yaml", "network-party.yaml"]);
    for (const name of written) {
      expect(parseProfile(await readFile(join(out, name), "utf8"), name)).toEqual(
        await fixture(name.replace(".yaml", "")),
      );
    }
    const again = await secg("party", "import", ...written.map((n) => join(out, n)), "--data", data);
    expect(again.out).toBe(
      "Unchanged dcc: Smart DCC Ltd\nUnchanged large-supplier: Large Supplier plc\nUnchanged network-party: Northern Wires plc\n",
    );
  });
});
