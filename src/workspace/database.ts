import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema.js";

/** Which PostgreSQL the store runs on: embedded PGlite in a folder, or a server. */
export type DatabaseKind = "pglite" | "postgres";

/** The drizzle database over the workspace schema, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
