/**
 * The databases the workspace tests run on: embedded PGlite in a temporary folder always, and a
 * PostgreSQL server when DATABASE_URL is set (always under CI). Each test gets a database of its
 * own — a fresh folder, or a fresh database created on the server and dropped afterwards — so
 * runs never see each other's data.
 */
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SQL } from "drizzle-orm";
import pg from "pg";
import { afterAll, vi } from "vitest";
import type { Clock } from "../../src/workspace/clock.js";
import type { DatabaseKind } from "../../src/workspace/database.js";
import { openStore, type Store, type StoreOptions } from "../../src/workspace/store.js";
import { underCi } from "../support/shared.js";

export const postgresUrl =
  process.env.DATABASE_URL || (underCi ? "postgres://postgres@127.0.0.1:5432/test" : undefined);

export type Provisioned = { readonly options: StoreOptions; readonly dispose: () => Promise<void> };

export type Backend = {
  readonly kind: DatabaseKind;
  readonly available: boolean;
  readonly provision: () => Promise<Provisioned>;
};

export const fixedClock: Clock = { now: () => new Date("2025-06-02T09:30:00.000Z"), source: "test-fixed" };

// Creating a PGlite cluster runs initdb inside WebAssembly, which takes seconds; each test
// instead gets its own copy of one freshly created and migrated store folder.
let template: Promise<string> | undefined;

function templateStore(): Promise<string> {
  template ??= (async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "secg-template-"));
    const store = await openStore({ dataDir });
    await store.close();
    return dataDir;
  })();
  return template;
}

// Each test file runs in a process of its own; the template goes when the file's tests are done.
afterAll(async () => {
  if (template) await rm(await template, { recursive: true, force: true });
});

export const embedded: Backend = {
  kind: "pglite",
  available: true,
  provision: async () => {
    // The CLI picks DATABASE_URL from the environment; a test of the embedded path must not reach
    // a server through it (CI sets it for the PostgreSQL tests).
    vi.stubEnv("DATABASE_URL", "");
    const dataDir = await mkdtemp(join(tmpdir(), "secg-store-"));
    await cp(await templateStore(), dataDir, { recursive: true });
    return {
      options: { dataDir, clock: fixedClock },
      dispose: async () => {
        vi.unstubAllEnvs();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

export const server: Backend = {
  kind: "postgres",
  available: postgresUrl !== undefined,
  provision: async () => {
    const name = `secg_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    await onServer(`create database "${name}"`);
    const url = new URL(postgresUrl!);
    url.pathname = `/${name}`;
    return {
      options: { databaseUrl: url.toString(), clock: fixedClock },
      dispose: () => onServer(`drop database if exists "${name}" with (force)`),
    };
  },
};

export const backends: readonly Backend[] = [embedded, server];

/** A store open on a database of its own; `dispose` closes it and removes the database. */
export type TestStore = Store & { readonly dispose: () => Promise<void> };

/** Provisions a database on `backend` and opens a store on it, with `options` (a clock, say) on top. */
export async function freshStore(
  backend: Backend,
  options: Pick<StoreOptions, "clock"> = {},
): Promise<TestStore> {
  const provisioned = await backend.provision();
  const store = await openStore({ ...provisioned.options, ...options });
  return {
    ...store,
    dispose: async () => {
      await store.close();
      await provisioned.dispose();
    },
  };
}

/** The rows of a raw query; both drivers answer with {rows}. */
export async function rowsOf<T>(store: Store, query: SQL): Promise<T[]> {
  const result = (await store.db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** The database's own message for a refused statement (drizzle wraps it in a "Failed query" error). */
export async function refusal(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : (error as Error).message;
  }
  throw new Error("the statement was not refused");
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
