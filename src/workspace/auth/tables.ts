/**
 * Users, memberships, sessions, API tokens and login attempts as Drizzle sees them
 * (migrations/0050_auth.sql). Re-exported by ../schema.ts so the schema test compares them with
 * the migrated database.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { PartyScope, TokenScope, WorkspaceRole } from "../access/principal.js";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    /** argon2id, PHC string format. */
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (t) => [
    check("users_username_format", sql`${t.username} ~ '^[a-z0-9][a-z0-9._@-]{0,62}$'`),
    check("users_password_hash_argon2id", sql`${t.passwordHash} LIKE '$argon2id$%'`),
  ],
);

export const userMemberships = pgTable(
  "user_memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    party: text("party").$type<PartyScope>().notNull(),
    role: text("role").$type<WorkspaceRole>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.party, t.role] })],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tokenSha256: bytea("token_sha256").notNull().unique(),
    csrfSha256: bytea("csrf_sha256").notNull(),
    createdAt: instant("created_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    /** The absolute end; the idle end is last_seen_at plus the configured idle timeout. */
    expiresAt: instant("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    secretSha256: bytea("secret_sha256").notNull(),
    scopes: text("scopes").array().$type<TokenScope[]>().notNull(),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at"),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    username: text("username").notNull(),
    clientAddress: text("client_address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    attemptedAt: instant("attempted_at").notNull(),
  },
  (t) => [
    index("login_attempts_username").on(t.username, t.attemptedAt),
    index("login_attempts_client_address").on(t.clientAddress, t.attemptedAt),
  ],
);
