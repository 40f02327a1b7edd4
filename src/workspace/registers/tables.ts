/**
 * The registers' tables as Drizzle sees them (migrations/0060_registers.sql). Re-exported by
 * ../schema.ts so the schema test compares them with the migrated database.
 */
import { sql } from "drizzle-orm";
import { check, customType, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/** One record of one register of one party; `record` is the validated record, `sha256` its canonical hash. */
export const registerRecords = pgTable(
  "register_records",
  {
    party: text("party").notNull(),
    register: text("register").notNull(),
    id: text("id").notNull(),
    record: jsonb("record").$type<Record<string, unknown>>().notNull(),
    sha256: text("sha256").notNull(),
    version: integer("version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.party, t.register, t.id], name: "register_records_pkey" }),
    check("register_records_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("register_records_version", sql`${t.version} >= 1`),
  ],
);

/** The bytes behind an evidence record of kind "file"; deleted with the record (ON DELETE CASCADE). */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    party: text("party").notNull(),
    register: text("register").notNull().default("evidence"),
    evidenceId: text("evidence_id").notNull(),
    bytes: bytea("bytes").notNull(),
    sha256: text("sha256").notNull(),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.party, t.evidenceId], name: "evidence_files_pkey" }),
    check("evidence_files_register", sql`${t.register} = 'evidence'`),
    check("evidence_files_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("evidence_files_size", sql`${t.size} = octet_length(${t.bytes})`),
  ],
);
