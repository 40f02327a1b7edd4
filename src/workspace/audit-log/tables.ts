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

/** Each retention that removed the text of leaves [prunedFrom, prunedTo) (migrations/0091). */
export const auditRetentions = pgTable("audit_retentions", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  prunedFrom: bigint("pruned_from", { mode: "number" }).notNull(),
  prunedTo: bigint("pruned_to", { mode: "number" }).notNull(),
  cut: timestamp("cut", { withTimezone: true, mode: "date" }).notNull(),
  archiveSha256: text("archive_sha256").notNull(),
  archiveSize: bigint("archive_size", { mode: "number" }).notNull(),
  // References audit_entries(seq) in SQL, as audit_tree_leaves.seq does.
  auditSeq: bigint("audit_seq", { mode: "number" }).notNull().unique(),
  // The inserting transaction: the audit_entries trigger lets only it remove the text of these leaves.
  transactionId: bigint("transaction_id", { mode: "number" }).notNull().default(sql`txid_current()`),
});
