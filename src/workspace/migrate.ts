import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Schema migrations are plain SQL files in migrations/, applied in name order, each in its own
 * transaction with the row that records it, so a failed migration leaves nothing half-applied. A
 * migration once applied must never change: its checksum is kept and checked at every start.
 * Files are named NNNN_what.sql, so features built side by side each add their own file.
 */
export type Migration = { readonly name: string; readonly sql: string; readonly sha256: string };

/** What migrating needs of a connection: a PGlite client as it is, or a node-postgres client wrapped. */
export type MigrationConnection = {
  /** Runs several statements at once. */
  readonly exec: (sql: string) => Promise<unknown>;
  readonly query: (sql: string) => Promise<{ rows: unknown[] }>;
};

const namePattern = /^\d{4}_[a-z0-9_]+\.sql$/;

export async function readMigrations(folder: string): Promise<Migration[]> {
  const names = (await readdir(folder)).filter((n) => n.endsWith(".sql")).sort();
  const migrations: Migration[] = [];
  for (const name of names) {
    if (!namePattern.test(name)) throw new Error(`migration file ${name} is not named NNNN_what.sql`);
    const sql = await readFile(join(folder, name), "utf8");
    migrations.push({ name, sql, sha256: createHash("sha256").update(sql).digest("hex") });
  }
  return migrations;
}

export const migrationsTable = `CREATE TABLE IF NOT EXISTS secg_migrations (
  name text PRIMARY KEY,
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Applies what is missing; refuses to start on a database whose applied migrations were edited since. */
export async function migrate(
  connection: MigrationConnection,
  migrations: readonly Migration[],
): Promise<string[]> {
  await connection.exec(migrationsTable);
  const { rows } = await connection.query("SELECT name, sha256 FROM secg_migrations");
  const applied = new Map((rows as { name: string; sha256: string }[]).map((m) => [m.name, m.sha256]));
  for (const [name, sha256] of applied) {
    const local = migrations.find((m) => m.name === name);
    if (local && local.sha256 !== sha256) {
      throw new Error(`migration ${name} was changed after it was applied; add a new migration instead`);
    }
  }
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.name)) continue;
    // Names and checksums are checked above to be [0-9a-z_.] only, so they are safe as literals.
    try {
      await connection.exec(
        `BEGIN;\n${migration.sql}\n;INSERT INTO secg_migrations (name, sha256) VALUES ('${migration.name}', '${migration.sha256}');\nCOMMIT;`,
      );
    } catch (error) {
      await connection.exec("ROLLBACK");
      throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
    }
    done.push(migration.name);
  }
  return done;
}
