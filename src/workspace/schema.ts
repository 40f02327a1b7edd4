/**
 * The workspace database schema as Drizzle sees it, for typed queries. The tables themselves are
 * made by the SQL files in migrations/; a test checks that the two agree.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import type { CrossReference, Paragraph, ParseProblem, Part } from "../code/types.js";
import type { IsoDate } from "../obligations/calendar/iso-date.js";
import type { PartyProfile } from "../obligations/profile.js";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * One published text of the Code. in_force is unique so that "the version in force on a date"
 * always names exactly one version; label is the name people and URLs use.
 */
export const codeVersions = pgTable(
  "code_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    label: text("label").notNull().unique(),
    inForce: date("in_force", { mode: "string" }).$type<IsoDate>().notNull().unique(),
    madeBy: text("made_by"),
    sha256: text("sha256").notNull(),
    sourceName: text("source_name").notNull(),
    importedAt: timestamp("imported_at", { withTimezone: true, mode: "date" }).notNull(),
    parts: jsonb("parts").$type<readonly Part[]>().notNull(),
    problems: jsonb("problems").$type<readonly ParseProblem[]>().notNull(),
  },
  (t) => [check("code_versions_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

export const codeClauses = pgTable(
  "code_clauses",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => codeVersions.id),
    clauseId: text("clause_id").notNull(),
    position: integer("position").notNull(),
    part: text("part").notNull(),
    heading: text("heading").notNull(),
    text: text("text").notNull(),
    intro: text("intro").notNull(),
    paragraphs: jsonb("paragraphs").$type<readonly Paragraph[]>().notNull(),
    trailing: text("trailing"),
    notUsed: boolean("not_used").notNull(),
    references: jsonb("references").$type<readonly CrossReference[]>().notNull(),
    line: integer("line").notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.clauseId] }), unique().on(t.versionId, t.position)],
);

export const codeDefinitions = pgTable(
  "code_definitions",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => codeVersions.id),
    position: integer("position").notNull(),
    term: text("term").notNull(),
    text: text("text").notNull(),
    clauseId: text("clause_id"),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.position] })],
);

export const effectKind = pgEnum("code_effect_kind", ["inserted", "substituted", "repealed", "renumbered"]);

/**
 * The effects register: what each version did to the one in force just before it. Kept apart
 * from the clause text (as legislation.gov.uk does) so it can be listed and filtered on its own.
 */
export const codeEffects = pgTable(
  "code_effects",
  {
    toVersionId: integer("to_version_id")
      .notNull()
      .references(() => codeVersions.id),
    position: integer("position").notNull(),
    fromVersionId: integer("from_version_id")
      .notNull()
      .references(() => codeVersions.id),
    clauseId: text("clause_id").notNull(),
    kind: effectKind("kind").notNull(),
    renumberedFrom: text("renumbered_from"),
    madeBy: text("made_by"),
  },
  (t) => [
    primaryKey({ columns: [t.toVersionId, t.position] }),
    check(
      "code_effects_renumbered_from",
      sql`(${t.kind} = 'renumbered') = (${t.renumberedFrom} IS NOT NULL)`,
    ),
  ],
);

/**
 * The audit log's leaves. Append-only: a later migration adds triggers refusing UPDATE, DELETE
 * and TRUNCATE, so not even a direct SQL session can rewrite history.
 */
export const auditEntries = pgTable(
  "audit_entries",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // NULL once a retention removed the text of an old entry (migrations/0091); the hash stays.
    entry: text("entry"),
    leafHash: bytea("leaf_hash").notNull(),
  },
  (t) => [check("audit_entries_leaf_hash_length", sql`octet_length(${t.leafHash}) = 32`)],
);

/** One SEC Party and its profile as validated, defaults filled in (migrations/0040_parties.sql). */
export const parties = pgTable(
  "parties",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    profile: jsonb("profile").$type<PartyProfile>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [check("parties_id_format", sql`${t.id} ~ '^[a-z0-9-]+$'`)],
);

/**
 * Service Requests quarantined by Threshold Anomaly Detection, held until their User decides to
 * delete or process them (G6; migrations/0030_adt_quarantine.sql).
 */
export const quarantinedRequests = pgTable(
  "quarantined_requests",
  {
    requestId: text("request_id").primaryKey(),
    userId: text("user_id").notNull(),
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    breach: text("breach").$type<"user-threshold" | "dcc-threshold" | "attribute-limits">().notNull(),
    threshold: integer("threshold").notNull(),
    status: text("status").$type<"waiting" | "deleted" | "processed">().notNull().default("waiting"),
    quarantinedAt: timestamp("quarantined_at", { withTimezone: true, mode: "date" }).notNull(),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    check(
      "quarantined_requests_breach",
      sql`${t.breach} IN ('user-threshold', 'dcc-threshold', 'attribute-limits')`,
    ),
    check("quarantined_requests_status", sql`${t.status} IN ('waiting', 'deleted', 'processed')`),
    check(
      "quarantined_requests_decided",
      sql`(${t.status} = 'waiting') = (${t.decidedBy} IS NULL) AND (${t.decidedBy} IS NULL) = (${t.decidedAt} IS NULL)`,
    ),
    index("quarantined_requests_user_status").on(t.userId, t.status),
    index("quarantined_requests_decided_at").on(t.decidedAt).where(sql`${t.decidedAt} IS NOT NULL`),
  ],
);

// The audit log's tree, keys and checkpoints live beside the code that uses them.
export * from "./audit-log/tables.js";
export * from "./auth/tables.js";
export * from "./checks/tables.js";
export * from "./controls/tables.js";
export * from "./registers/tables.js";
export * from "./workflows/tables.js";
