import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AuditEvent, appendAudit, auditSchemaVersion } from "../../src/workspace/audit.js";
import { type EmbeddedClient, embeddedClient } from "../../src/workspace/embedded-client.js";
import { openStore, type Store } from "../../src/workspace/store.js";

describe("the embedded store's client", () => {
  let pglite: PGlite;
  let client: EmbeddedClient;
  const names = async () =>
    (await client.query<{ name: string }>("select name from things order by name")).rows.map((r) => r.name);

  // One database for the block: starting PGlite takes seconds, a fresh table does not.
  beforeAll(() => {
    pglite = new PGlite();
    client = embeddedClient(pglite);
  });
  beforeEach(() => client.exec("drop table if exists things; create table things (name text primary key)"));
  afterAll(() => client.close());

  it("runs statements queued for commit in the transaction, after its own", async () => {
    // G2.27: a change and its audit record commit together.
    await client.transaction(async (tx) => {
      tx.atCommit("insert into things values ('record')");
      await tx.query("insert into things values ($1)", ["change"]);
    });
    expect(await names()).toEqual(["change", "record"]);
  });

  it("writes neither the change nor its queued record when the transaction fails", async () => {
    // G2.27: no change without its record, and no record of a change that did not happen.
    await expect(
      client.transaction(async (tx) => {
        await tx.query("insert into things values ($1)", ["change"]);
        tx.atCommit("insert into things values ('record')");
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await names()).toEqual([]);
  });

  it("undoes the change when its queued record cannot be written", async () => {
    // G2.27: a record that fails at commit takes the change down with it.
    await client.exec("insert into things values ('record')");
    await expect(
      client.transaction(async (tx) => {
        await tx.query("insert into things values ($1)", ["change"]);
        tx.atCommit("insert into things values ('record')");
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await names()).toEqual(["record"]);
  });

  it("reports a transaction that a caught failure aborted, instead of claiming it committed", async () => {
    await expect(
      client.transaction(async (tx) => {
        await tx.query("insert into things values ($1)", ["change"]);
        await tx.query("insert into things values ($1)", ["change"]).catch(() => undefined);
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await names()).toEqual([]);
  });

  it("drops what a rolled-back savepoint queued and keeps what a released one queued", async () => {
    await client.transaction(async (tx) => {
      await tx.exec("savepoint sp1");
      tx.atCommit("insert into things values ('kept')");
      await tx.exec("release savepoint sp1");
      await tx.exec("savepoint sp1");
      tx.atCommit("insert into things values ('dropped')");
      await tx.exec("savepoint sp2");
      tx.atCommit("insert into things values ('dropped too')");
      await tx.exec("rollback to savepoint sp1");
      tx.atCommit("insert into things values ('after')");
    });
    expect(await names()).toEqual(["after", "kept"]);
  });

  it("keeps other callers' statements out of an open transaction", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = client.transaction(async (tx) => {
      await tx.query("insert into things values ($1)", ["inside"]);
      await gate;
      throw new Error("rolled back on purpose");
    });
    // Asked for while the transaction is open: it must wait, not join the transaction.
    const outside = client.query("insert into things values ($1)", ["outside"]);
    release();
    await expect(failing).rejects.toThrow("rolled back on purpose");
    await outside;
    expect(await names()).toEqual(["outside"]);
  });

  it("refuses statements once the transaction has ended", async () => {
    let kept: Parameters<Parameters<EmbeddedClient["transaction"]>[0]>[0] | undefined;
    await client.transaction(async (tx) => {
      kept = tx;
    });
    expect(() => kept!.atCommit("select 1")).toThrow(/closed/);
    await expect(kept!.query("select 1")).rejects.toThrow(/closed/);
  });
});

describe("audit appends on the embedded store", () => {
  let dataDir: string;
  let store: Store;
  const event = (target: string): AuditEvent => ({
    actor: "test",
    action: "test.thing.create",
    target,
    outcome: "success",
    time: "2026-12-07T00:00:00.000Z",
    timeSource: "system",
    schemaVersion: auditSchemaVersion,
  });
  const targets = async () =>
    (
      (await store.db.execute(sql`select entry from audit_entries order by seq`)) as unknown as {
        rows: { entry: string }[];
      }
    ).rows.map((row) => (JSON.parse(row.entry) as { target: string }).target);

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "secg-embedded-"));
    store = await openStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("are in seq order of the calls, and a rolled-back nested transaction leaves no entry", async () => {
    // G2.27: the log holds exactly the changes that happened, in order.
    await store.db.transaction(async (tx) => {
      await appendAudit(tx, event("a"));
      await tx
        .transaction(async (nested) => {
          await appendAudit(nested, event("undone"));
          throw new Error("nested change refused");
        })
        .catch(() => undefined);
      await appendAudit(tx, event("b"));
    });
    expect(await targets()).toEqual(["a", "b"]);
  });
});
