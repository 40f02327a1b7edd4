import type { StoreOptions } from "../workspace/store.js";

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
