import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../src/workspace/migrate.js";
import * as schema from "../../src/workspace/schema.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { embedded, type Provisioned, rowsOf } from "./backends.js";

describe("migrations", () => {
  let folder: string;
  let client: PGlite;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-migrations-"));
    client = new PGlite();
  });
  afterAll(async () => {
    await client.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("applies files in name order once, and a failing one leaves nothing behind", async () => {
    await writeFile(join(folder, "0001_first.sql"), "CREATE TABLE a (x int);");
    await writeFile(join(folder, "0002_second.sql"), "CREATE TABLE b (y int); INSERT INTO a VALUES (1);");
    expect(await migrate(client, await readMigrations(folder))).toEqual([
      "0001_first.sql",
      "0002_second.sql",
    ]);
    expect(await migrate(client, await readMigrations(folder))).toEqual([]);

    await writeFile(join(folder, "0003_broken.sql"), "CREATE TABLE c (z int); SELECT * FROM missing;");
    await expect(migrate(client, await readMigrations(folder))).rejects.toThrow(
      /0003_broken.sql failed: .*missing/,
    );
    const tables = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'c'",
    );
    expect(tables.rows[0]!.n).toBe(0);
    await rm(join(folder, "0003_broken.sql"));
  });

  it("refuses to start when an applied migration was edited", async () => {
    await writeFile(join(folder, "0001_first.sql"), "CREATE TABLE a (x bigint);");
    await expect(migrate(client, await readMigrations(folder))).rejects.toThrow(/0001_first.sql was changed/);
  });

  it("refuses a file not named NNNN_what.sql", async () => {
    const odd = await mkdtemp(join(tmpdir(), "secg-migrations-odd-"));
    await writeFile(join(odd, "first.sql"), "SELECT 1;");
    await expect(readMigrations(odd)).rejects.toThrow(/NNNN_what\.sql/);
    await rm(odd, { recursive: true, force: true });
  });
});

// The Drizzle schema is only the typed view of the tables the SQL files make: they must agree.
describe("the Drizzle schema agrees with the migrated database", () => {
  let provisioned: Provisioned;
  let store: Store;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
  });
  afterAll(async () => {
    await store.close();
    await provisioned.dispose();
  });

  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

  it.each(tables.map((table) => [getTableConfig(table).name, table] as const))(
    "table %s",
    async (name, table) => {
      const columns = await rowsOf<{ column_name: string; is_nullable: string }>(
        store,
        sql`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = ${name} ORDER BY column_name`,
      );
      const expected = getTableConfig(table)
        .columns.map((c) => ({ column_name: c.name, is_nullable: c.notNull ? "NO" : "YES" }))
        .sort((a, b) => a.column_name.localeCompare(b.column_name));
      expect(columns).toEqual(expected);
    },
  );

  it("covers every table", () => {
    expect(tables.length).toBeGreaterThanOrEqual(5);
  });
});
