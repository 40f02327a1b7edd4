import { existsSync } from "node:fs";
import { InputError } from "../common/input-error.js";
import type { Store, StoreOptions } from "../workspace/store.js";

/**
 * The environment is read here, in the face, never in the store: DATABASE_URL selects a PostgreSQL
 * server, otherwise the embedded database lives in the --data folder.
 */
export function storeOptions(
  dataDir: string,
  extra: Omit<StoreOptions, "dataDir" | "databaseUrl"> = {},
): StoreOptions {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return { ...extra, dataDir, ...(databaseUrl === undefined ? {} : { databaseUrl }) };
}

/**
 * Opens the store for one command and always closes it. The store (PGlite, drivers, migrations) is
 * loaded only here, when a command needs it, so that every other command starts quickly.
 */
export async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import("../workspace/store.js");
  const store = await openStore(storeOptions(dataDir));
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/**
 * For commands that only read: an embedded workspace that does not exist yet is an error, not a
 * reason to create an empty one as a side effect.
 */
export async function withExistingStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  if (!process.env.DATABASE_URL && !existsSync(dataDir)) {
    throw new InputError(
      { path: "--data" },
      `a workspace folder (${dataDir} does not exist; import something first)`,
    );
  }
  return withStore(dataDir, use);
}
