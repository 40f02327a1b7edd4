/**
 * The audit log's tree, keys and checkpoints as Drizzle sees them (migrations/0010). Re-exported
 * by ../schema.ts so the schema test compares them with the migrated database.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** One row: the log's origin, the first line of every checkpoint, fixed when the store is made. */
export const auditLog = pgTable("audit_log", {
  singleton: boolean("singleton").primaryKey().default(true),
  origin: text("origin").notNull(),
});

export const auditTreeLeaves = pgTable("audit_tree_leaves", {
  index: bigint("index", { mode: "number" }).primaryKey(),
  // References audit_entries(seq) in SQL; not declared here, which would make the modules import each other.
  seq: bigint("seq", { mode: "number" }).notNull().unique(),
});

export const auditTreeNodes = pgTable(
  "audit_tree_nodes",
  {
    level: integer("level").notNull(),
    index: bigint("index", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.level, t.index] }),
    check("audit_tree_nodes_hash", sql`octet_length(${t.hash}) = 32`),
  ],
);

export const auditKeys = pgTable("audit_keys", {
  name: text("name").primaryKey(),
  keyId: bytea("key_id").notNull(),
  publicKey: bytea("public_key").notNull(),
  registeredAt: timestamp("registered_at", { withTimezone: true, mode: "date" }).notNull(),
});

export const auditCheckpoints = pgTable("audit_checkpoints", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  size: bigint("size", { mode: "number" }).notNull(),
  root: bytea("root").notNull(),
  keyName: text("key_name")
    .notNull()
    .references(() => auditKeys.name),
  note: text("note").notNull(),
  signedAt: timestamp("signed_at", { withTimezone: true, mode: "date" }).notNull(),
});
