import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../../src/api/server.js";
import { rootOf } from "../../../src/workspace/audit-log/bundle.js";
import { signNewCheckpoint } from "../../../src/workspace/audit-log/checkpoints.js";
import { currentSigningKey } from "../../../src/workspace/audit-log/keys.js";
import { hashLeaf, verifyConsistency, verifyInclusion } from "../../../src/workspace/audit-log/merkle.js";
import { openStore, type Store } from "../../../src/workspace/store.js";
import { sessionHeaders } from "../../support/api-session.js";
import { embedded, type Provisioned } from "../backends.js";
import { writeEntries } from "./support.js";

describe("the audit log API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let keysDir: string;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    keysDir = await mkdtemp(join(tmpdir(), "secg-keys-"));
    await writeEntries(store, 5);
    await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), { actor: "t" });
    await writeEntries(store, 6, { from: 5 });
    await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keysDir), { actor: "t" });
    app = await buildServer({ store });
    // The assessor reads the log; signing in adds entries after the signed checkpoint.
    headers = await sessionHeaders(app, store, [{ party: "*", role: "auditor" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
    await rm(keysDir, { recursive: true, force: true });
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: "GET", url, headers });
    return { status: response.statusCode, body: response.json() };
  };

  it("serves the checkpoint, entries and proofs that verify against it", async () => {
    // G2.27: anyone with read access can check that a record is in the signed log.
    const { body: checkpoint } = await get("/api/audit/checkpoint");
    expect(checkpoint.size).toBe(12);
    const root = Buffer.from(checkpoint.root, "base64");
    const page = await get("/api/audit/entries?from=3&limit=4");
    expect(page.body.entries.map((e: { index: number }) => e.index)).toEqual([3, 4, 5, 6]);
    expect(page.body.next).toBe(7);
    for (const entry of page.body.entries) {
      expect(Buffer.from(entry.leafHash, "base64")).toEqual(hashLeaf(entry.entry));
      const { body } = await get(`/api/audit/proof/inclusion?index=${entry.index}&size=12`);
      const proof = body.proof.map((p: string) => Buffer.from(p, "base64"));
      expect(verifyInclusion(hashLeaf(entry.entry), entry.index, 12, proof, root)).toBe(true);
    }
    const first = await get("/api/audit/proof/consistency?from=5&to=12");
    const firstFive = (await get("/api/audit/entries?from=0&limit=5")).body.entries as { entry: string }[];
    const fromRoot = rootOf(firstFive.map((e) => hashLeaf(e.entry)));
    const proof = first.body.proof.map((p: string) => Buffer.from(p, "base64"));
    expect(verifyConsistency(5, 12, fromRoot, root, proof)).toBe(true);
    expect(verifyConsistency(5, 12, root, root, proof)).toBe(false);
    const keys = await get("/api/audit/keys");
    expect(keys.body.keys).toHaveLength(1);
  });

  it("refuses sizes beyond the integrated tree with a 400 naming the field", async () => {
    // G2.27: proofs are only given for trees that exist.
    const { status, body } = await get("/api/audit/proof/inclusion?index=0&size=999");
    expect(status).toBe(400);
    expect(body.error.path).toBe("size");
    expect((await get("/api/audit/proof/consistency?from=9&to=3")).body.error.path).toBe("from");
  });
});
