/**
 * Opens the workspace store: embedded PGlite in a folder by default, a PostgreSQL server when a
 * connection URL is given. Both run the same SQL migrations from migrations/ (./migrate.ts),
 * applied here at open, so a store is always at the schema its code expects.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { InputError } from "../common/input-error.js";
import type { Clock } from "./clock.js";
import { systemClock } from "./clock.js";
import { type CodeVersions, codeVersionsOf } from "./code-versions.js";
import { defaultDataDir } from "./data-dir.js";
import { lockDataFolder } from "./data-folder-lock.js";
import type { Database, DatabaseKind } from "./database.js";
import { embeddedClient } from "./embedded-client.js";
import { migrate, readMigrations } from "./migrate.js";
import * as schema from "./schema.js";

export type StoreLog = { readonly info: (message: string) => void };

export type StoreOptions = {
  /** Folder of the embedded database (default ./.secg); its PostgreSQL data lives in <dataDir>/pg. */
  readonly dataDir?: string;
  /** A PostgreSQL connection URL; when absent, the embedded database in dataDir. */
  readonly databaseUrl?: string;
  readonly log?: StoreLog;
  readonly clock?: Clock;
};

export type Store = {
  readonly kind: DatabaseKind;
  readonly db: Database;
  readonly clock: Clock;
  readonly codeVersions: CodeVersions;
  /** Answers whether the database still responds; the health check uses it. */
  readonly ping: () => Promise<void>;
  readonly close: () => Promise<void>;
};

// The folder sits beside src/ and dist/, so one relative step finds it from source and from a build.
const migrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

// Any fixed 64-bit number will do, as long as every secg server uses the same one.
const migrationLock = 0x5ec6_0001;

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const clock = options.clock ?? systemClock;
  const url = options.databaseUrl || undefined;
  const opened = url === undefined ? await openEmbedded(options) : await openServer(url, options);
  const { kind, db, close } = opened;
  return {
    kind,
    db,
    clock,
    codeVersions: codeVersionsOf(db, clock),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close,
  };
}

type Opened = { kind: DatabaseKind; db: Database; close: () => Promise<void> };

async function openEmbedded(options: StoreOptions): Promise<Opened> {
  const dataDir = options.dataDir ?? defaultDataDir;
  const lock = await lockDataFolder(dataDir);
  try {
    const pglite = new PGlite(join(dataDir, "pg"));
    await migrate(pglite, await readMigrations(migrationsFolder));
    const client = embeddedClient(pglite);
    // drizzle's PGlite session needs only the client's query, exec and transaction.
    const db = drizzlePglite({ client: client as unknown as PGlite, schema });
    options.log?.info(`store: embedded PostgreSQL (PGlite) in ${dataDir}`);
    return {
      kind: "pglite",
      db,
      close: async () => {
        await client.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openServer(url: string, options: StoreOptions): Promise<Opened> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection the server closes (a restart, a failover, an administrator) is replaced on the
  // next query; without a listener the pool's error event would end the whole process.
  pool.on("error", (error) =>
    options.log?.info(`store: an idle PostgreSQL connection closed: ${error.message}`),
  );
  try {
    await migrateUnderLock(pool, url);
  } catch (error) {
    await pool.end();
    throw error;
  }
  options.log?.info(`store: PostgreSQL at ${redactedUrl(url)}`);
  return {
    kind: "postgres",
    db: drizzleNodePg({ client: pool, schema }),
    close: () => pool.end(),
  };
}

/** Servers starting together queue on a session advisory lock; the first migrates, the rest find nothing to do. */
async function migrateUnderLock(pool: pg.Pool, url: string): Promise<void> {
  let connection: pg.PoolClient;
  try {
    connection = await pool.connect();
  } catch (error) {
    throw new InputError(
      { path: "DATABASE_URL" },
      `a reachable PostgreSQL server at ${redactedUrl(url)} (${(error as Error).message})`,
    );
  }
  try {
    await connection.query("select pg_advisory_lock($1)", [migrationLock]);
    try {
      const exec = (text: string) => connection.query(text);
      await migrate({ exec, query: exec }, await readMigrations(migrationsFolder));
    } finally {
      await connection.query("select pg_advisory_unlock($1)", [migrationLock]);
    }
  } finally {
    connection.release();
  }
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}
