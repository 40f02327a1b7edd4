/**
 * The party policies' table as Drizzle sees it (migrations/0092_party_policies.sql). Re-exported by
 * ../schema.ts so the schema test compares it with the migrated database.
 */
import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { parties } from "../schema.js";

/** One party's security policy as validated; `sha256` is that of its RFC 8785 canonical form. */
export const partyPolicies = pgTable(
  "party_policies",
  {
    party: text("party")
      .primaryKey()
      .references(() => parties.id),
    policy: jsonb("policy").$type<Record<string, unknown>>().notNull(),
    sha256: text("sha256").notNull(),
    version: integer("version").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    check("party_policies_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("party_policies_version", sql`${t.version} >= 1`),
  ],
);
