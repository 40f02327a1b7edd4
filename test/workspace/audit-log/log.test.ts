import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { verifyBundle } from "../../../src/workspace/audit-log/bundle.js";
import {
  latestCheckpoint,
  registeredKeys,
  signNewCheckpoint,
} from "../../../src/workspace/audit-log/checkpoints.js";
import { currentSigningKey, rotateSigningKey } from "../../../src/workspace/audit-log/keys.js";
import { frontierRefs, hashLeaf, verifyInclusion } from "../../../src/workspace/audit-log/merkle.js";
import { parseSignedNote, verifiedSigners } from "../../../src/workspace/audit-log/note.js";
import { inclusionProof, leaves } from "../../../src/workspace/audit-log/tree.js";
import { openStore } from "../../../src/workspace/store.js";
import { backends, embedded, freshStore, type Provisioned, rowsOf, type TestStore } from "../backends.js";
import { exported, writeEntries } from "./support.js";

const system = { actor: "test" };

describe.each(backends.filter((b) => b.available).map((b) => [b.kind, b] as const))(
  "audit log on %s",
  (_, backend) => {
    let store: TestStore;
    let keysDir: string;

    beforeEach(async () => {
      store = await freshStore(backend);
      keysDir = await mkdtemp(join(tmpdir(), "secg-keys-"));
    });
    afterEach(async () => {
      await store.dispose();
      await rm(keysDir, { recursive: true, force: true });
    });

    it("signs checkpoints whose root proves every entry, with a 0600 key made on first use", async () => {
      // G2.27: records are protected against change; any record can be shown in a signed tree.
      await writeEntries(store, 13);
      const key = await currentSigningKey(keysDir);
      expect((await stat(key.file)).mode & 0o777).toBe(0o600);
      const outcome = await signNewCheckpoint(store.db, store.clock, key, system);
      expect(outcome.signed).toBe(true);
      const checkpoint = await latestCheckpoint(store.db);
      expect(checkpoint?.size).toBe(13);
      const note = parseSignedNote(checkpoint!.note)!;
      expect(note.checkpoint.root).toEqual(checkpoint!.root);
      expect(verifiedSigners(note, await registeredKeys(store.db))).toEqual([checkpoint!.keyName]);
      for (const leaf of await leaves(store.db, 0, 100, 13)) {
        expect(leaf.hash).toEqual(hashLeaf(leaf.entry!));
        const proof = await inclusionProof(store.db, leaf.index, 13);
        expect(verifyInclusion(leaf.hash, leaf.index, 13, proof, checkpoint!.root)).toBe(true);
      }
      expect(verifyBundle(await exported(store))).toMatchObject({
        valid: true,
        size: 13,
        firstInvalid: null,
      });
    });

    it("keeps old keys after rotation so earlier checkpoints still verify", async () => {
      // G2.27: key rotation must not orphan the evidence signed before it.
      await writeEntries(store, 3);
      await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), system);
      const first = (await latestCheckpoint(store.db))!;
      await rotateSigningKey(keysDir);
      await writeEntries(store, 2, { from: 3 });
      await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), system);
      const second = (await latestCheckpoint(store.db))!;
      expect(second.keyName).not.toBe(first.keyName);
      const keys = await registeredKeys(store.db);
      expect(keys.map((k) => k.name).sort()).toEqual([first.keyName, second.keyName].sort());
      expect(verifiedSigners(parseSignedNote(first.note)!, keys)).toEqual([first.keyName]);
      expect(verifyBundle(await exported(store)).valid).toBe(true);
    });

    it("detects a stored entry changed behind the triggers' back, at its index", async () => {
      // G2.27: tampering with a stored record is detected and located.
      await writeEntries(store, 9);
      await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), system);
      const [victim] = await leaves(store.db, 5, 1, 9);
      await store.db.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
      await store.db.execute(
        sql`UPDATE audit_entries SET entry = replace(entry, 'thing:5', 'thing:6') WHERE seq = ${victim!.seq}`,
      );
      await store.db.execute(sql`ALTER TABLE audit_entries ENABLE TRIGGER USER`);
      expect(verifyBundle(await exported(store))).toMatchObject({ valid: false, firstInvalid: 5 });
    });

    it("refuses to sign a tree that does not extend the last signed checkpoint", async () => {
      // G2.27: a rewritten history is never signed over.
      await writeEntries(store, 6);
      const key = await currentSigningKey(keysDir);
      await signNewCheckpoint(store.db, store.clock, key, system);
      const top = frontierRefs(6).at(-1)!;
      await store.db.execute(sql`ALTER TABLE audit_tree_nodes DISABLE TRIGGER USER`);
      await store.db.execute(
        sql`UPDATE audit_tree_nodes SET hash = sha256(hash) WHERE level = ${top.level} AND index = ${top.index}`,
      );
      await store.db.execute(sql`ALTER TABLE audit_tree_nodes ENABLE TRIGGER USER`);
      await writeEntries(store, 2, { from: 6 });
      const outcome = await signNewCheckpoint(store.db, store.clock, key, system);
      expect(outcome).toMatchObject({ signed: false });
      expect((await latestCheckpoint(store.db))?.size).toBe(6);
    });

    it("keeps the tree tables append-only", async () => {
      // G2.27: the database itself refuses to rewrite the tree.
      await writeEntries(store, 2);
      await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), system);
      for (const table of ["audit_tree_nodes", "audit_tree_leaves", "audit_checkpoints", "audit_keys"]) {
        await expect(store.db.execute(sql.raw(`DELETE FROM ${table}`))).rejects.toThrow();
      }
      expect(
        (await rowsOf<{ n: number }>(store, sql`SELECT count(*)::int AS n FROM audit_checkpoints`))[0]?.n,
      ).toBe(1);
    });
  },
);

describe("a bundle tampered with", () => {
  let bundle: string;
  let provisioned: Provisioned;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    const keysDir = await mkdtemp(join(tmpdir(), "secg-keys-"));
    await writeEntries(store, 8);
    await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), system);
    bundle = await exported(store);
    await store.close();
    await rm(keysDir, { recursive: true, force: true });
  });
  afterEach(() => provisioned.dispose());

  const lines = () => bundle.split("\n");
  const entryLine = (i: number) =>
    lines().findIndex((line) => line.startsWith(`{"type":"entry","index":${i},`));

  it("is detected at the entry whose text changed", () => {
    // G2.27: an exported record cannot be changed unnoticed.
    const all = lines();
    all[entryLine(4)] = all[entryLine(4)]!.replace("thing:4", "thing:X");
    expect(verifyBundle(all.join("\n"))).toMatchObject({ valid: false, firstInvalid: 4 });
  });

  it("is detected where two entries were swapped", () => {
    // G2.27: records cannot be reordered unnoticed.
    const all = lines();
    const [a, b] = [entryLine(2), entryLine(3)];
    [all[a], all[b]] = [all[b]!, all[a]!];
    expect(verifyBundle(all.join("\n"))).toMatchObject({ valid: false, firstInvalid: 2 });
  });

  it("is detected when an entry is not canonical JSON, or missing", () => {
    // G2.27: entries are RFC 8785 canonical, so their hash is reproducible by anyone.
    const all = lines();
    const record = JSON.parse(all[entryLine(1)]!);
    record.entry = JSON.stringify(JSON.parse(record.entry), null, 1);
    all[entryLine(1)] = JSON.stringify(record);
    expect(verifyBundle(all.join("\n"))).toMatchObject({ valid: false, firstInvalid: 1 });
    const dropped = lines().filter((_, i) => i !== entryLine(7));
    expect(verifyBundle(dropped.join("\n"))).toMatchObject({ valid: false, firstInvalid: 7 });
  });

  it("is detected when the checkpoint or its signature changed", () => {
    // G2.27: the signed root binds the whole log.
    const at = lines().findIndex((line) => line.startsWith('{"type":"checkpoint"'));
    const note = JSON.parse(lines()[at]!).note as string;
    const variants = [
      note.replace(/\n8\n/, "\n7\n"),
      note.replace(
        /\n([A-Za-z0-9+/]{10})/,
        (_, s: string) => `\n${s.startsWith("A") ? "B" : "A"}${s.slice(1)}`,
      ),
      note.replace(
        / ([A-Za-z0-9+/]{20})/,
        (_, s: string) => ` ${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`,
      ),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(note);
      const all = lines();
      all[at] = JSON.stringify({ type: "checkpoint", note: variant });
      expect(verifyBundle(all.join("\n")).valid).toBe(false);
    }
  });
});

describe("secg audit on the command line", () => {
  let provisioned: Provisioned;
  let dataDir: string;

  beforeEach(async () => {
    provisioned = await embedded.provision();
    dataDir = provisioned.options.dataDir!;
    const store = await openStore(provisioned.options);
    await writeEntries(store, 5);
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  async function cli(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it("exports a bundle that verifies, and names the first invalid entry of a tampered one", async () => {
    // G2.27: an assessor verifies the log offline, without secg's database.
    const bundle = join(dataDir, "audit.jsonl");
    expect((await cli("audit", "export", "--data", dataDir, "--out", bundle)).code).toBe(0);
    const ok = await cli("audit", "verify", bundle, "--json");
    expect(ok.code).toBe(0);
    const verdict = JSON.parse(ok.out);
    expect(verdict).toMatchObject({ valid: true, size: 5, firstInvalid: null });
    expect(typeof verdict.root).toBe("string");

    const keys = JSON.parse((await cli("audit", "keys", "--data", dataDir, "--json")).out).keys;
    expect((await cli("audit", "verify", bundle, "--key", keys[0].verifierKey)).code).toBe(0);

    const text = await readFile(bundle, "utf8");
    await writeFile(bundle, text.replace("thing:2", "thing:9"));
    const bad = await cli("audit", "verify", bundle, "--json");
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ valid: false, size: 5, firstInvalid: 2 });

    const second = join(dataDir, "audit-2.jsonl");
    await writeFile(bundle, text);
    expect((await cli("audit", "export", "--data", dataDir, "--out", second, "--since", bundle)).code).toBe(
      0,
    );
    expect(await readFile(second, "utf8")).toContain('"type":"consistency"');
    expect((await cli("audit", "verify", second, "--json")).code).toBe(0);
  });

  it("exits 2 on a file that is not a bundle", async () => {
    // G2.27: unreadable evidence is reported as such, not as a failed check.
    const junk = join(dataDir, "junk.jsonl");
    await writeFile(junk, "not json\n");
    const result = await cli("audit", "verify", junk, "--json");
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${junk}:1: expected a header line`);
    expect((await cli("audit", "verify", join(dataDir, "missing.jsonl"))).code).toBe(2);
  });
});
