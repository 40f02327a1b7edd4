import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/common/input-error.js";
import { type AuditEvent, appendAudit, auditSchemaVersion } from "../../src/workspace/audit.js";
import { readMigrations } from "../../src/workspace/migrate.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { backends, embedded, type Provisioned, refusal, rowsOf, server } from "./backends.js";

function auditRows(store: Store) {
  return rowsOf<{ seq: number | string; entry: string; leaf_hash: Uint8Array }>(
    store,
    sql`select seq, entry, leaf_hash from audit_entries order by seq`,
  );
}

const event: AuditEvent = {
  actor: "tester",
  action: "test.append",
  target: "nothing",
  outcome: "success",
  time: "2025-06-02T09:30:00.000Z",
  timeSource: "test-fixed",
  schemaVersion: auditSchemaVersion,
};

describe.each(backends)("store on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let provisioned: Provisioned;
    let store: Store;

    beforeEach(async () => {
      provisioned = await backend.provision();
      store = await openStore(provisioned.options);
    });
    afterEach(async () => {
      await store.close();
      await provisioned.dispose();
    });

    it("opens on the requested database with the schema migrated, and reopens without migrating again", async () => {
      expect(store.kind).toBe(backend.kind);
      await store.ping();
      const tables = await rowsOf<{ table_name: string }>(
        store,
        sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
      );
      expect(tables.map((row) => row.table_name)).toEqual([
        "api_tokens",
        "audit_checkpoints",
        "audit_entries",
        "audit_keys",
        "audit_log",
        "audit_retentions",
        "audit_tree_leaves",
        "audit_tree_nodes",
        "code_clauses",
        "code_definitions",
        "code_effects",
        "code_versions",
        "control_runs",
        "evidence_files",
        "finding_observations",
        "findings",
        "login_attempts",
        "parties",
        "party_policies",
        "quarantined_requests",
        "register_records",
        "schedule_leases",
        "secg_migrations",
        "sessions",
        "user_memberships",
        "users",
        "workflow_steps",
        "workflows",
      ]);
      await store.close();
      store = await openStore(provisioned.options);
      expect(await store.codeVersions.listVersions()).toEqual([]);
    });

    it("appends audit entries as canonical JSON with the RFC 6962 leaf hash, in sequence", async () => {
      await store.db.transaction((tx) => appendAudit(tx, { ...event, requestId: "r-1" }));
      await store.db.transaction((tx) => appendAudit(tx, { ...event, requestId: "r-2" }));
      const rows = await auditRows(store);
      expect(rows.map((row) => Number(row.seq))).toEqual([1, 2]);
      const first = rows[0]!;
      // RFC 8785: keys sorted, no insignificant whitespace.
      expect(first.entry).toBe(
        '{"action":"test.append","actor":"tester","outcome":"success","requestId":"r-1","schemaVersion":1,"target":"nothing","time":"2025-06-02T09:30:00.000Z","timeSource":"test-fixed"}',
      );
      const expected = createHash("sha256").update(Buffer.of(0)).update(first.entry).digest();
      expect(Buffer.from(first.leaf_hash).equals(expected)).toBe(true);
    });

    it("refuses UPDATE, DELETE and TRUNCATE on audit_entries in the database itself", async () => {
      await store.db.transaction((tx) => appendAudit(tx, event));
      expect(await refusal(store.db.execute(sql`update audit_entries set entry = '{}'`))).toMatch(
        /audit_entries is append-only: UPDATE refused/,
      );
      expect(await refusal(store.db.execute(sql`delete from audit_entries`))).toMatch(
        /append-only: DELETE refused/,
      );
      // CASCADE gets past the tree's foreign key, so only the append-only trigger can refuse it.
      expect(await refusal(store.db.execute(sql`truncate audit_entries cascade`))).toMatch(
        /append-only: TRUNCATE refused/,
      );
      expect(await auditRows(store)).toHaveLength(1);
    });
  });
});

describe("embedded store folder", () => {
  let provisioned: Provisioned;

  beforeEach(async () => {
    provisioned = await embedded.provision();
  });
  afterEach(async () => {
    await provisioned.dispose();
  });

  it("refuses a second opener while the first has the folder open, then lets it in after close", async () => {
    const first = await openStore(provisioned.options);
    const refused = await openStore(provisioned.options).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).message).toMatch(/no other secg process has open/);
    await first.close();
    const second = await openStore(provisioned.options);
    await second.close();
  });

  it("takes over a lock left behind by a process that no longer runs", async () => {
    const dataDir = provisioned.options.dataDir!;
    // PIDs are capped far below this on Linux, so no process can hold it.
    await writeFile(join(dataDir, "secg.lock"), "2147483646\n");
    const store = await openStore(provisioned.options);
    await store.close();
  });
});

describe.runIf(server.available)("several servers on one PostgreSQL", () => {
  let provisioned: Provisioned;

  beforeEach(async () => {
    provisioned = await server.provision();
  });
  afterEach(async () => {
    await provisioned.dispose();
  });

  it("migrates once when several stores open a fresh database at the same moment", async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openStore(provisioned.options)));
    const [applied] = await rowsOf<{ n: number }>(
      stores[0]!,
      sql`select count(*)::int as n from secg_migrations`,
    );
    expect(applied?.n).toBe(
      (await readMigrations(new URL("../../migrations", import.meta.url).pathname)).length,
    );
    await Promise.all(stores.map((store) => store.close()));
  });
});

describe("server store", () => {
  it("reports an unreachable server as bad input naming DATABASE_URL, without its password", async () => {
    await expect(openStore({ databaseUrl: "postgres://nobody:secret@127.0.0.1:1/none" })).rejects.toThrow(
      /^at DATABASE_URL: expected a reachable PostgreSQL server at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none \(/,
    );
  });
});
