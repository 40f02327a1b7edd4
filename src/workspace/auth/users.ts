/**
 * The people who may sign in: their usernames, passwords (argon2id hashes only) and memberships
 * (a role in one party's workspace, or in every one with party "*"). Every change is written in
 * the same transaction as its audit entry; no entry holds a password or a hash.
 */
import { randomUUID } from "node:crypto";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { InputError } from "../../common/input-error.js";
import { everyParty, type Membership, workspaceRoles } from "../access/principal.js";
import type { Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { auditAuth } from "./audit-event.js";
import { checkPasswordRules, hashPassword, oneTimePassword } from "./passwords.js";
import { apiTokens, sessions, userMemberships, users } from "./tables.js";

export type User = {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly memberships: readonly Membership[];
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  /** ISO 8601 instants. */
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type NewUser = {
  readonly username: string;
  readonly displayName?: string;
  readonly memberships: readonly Membership[];
  /** Without one, a one-time password is made and must be changed at first sign-in. */
  readonly password?: string;
};

export type Created = {
  readonly user: User;
  /** The one-time password, when none was given; shown once, stored only as a hash. */
  readonly oneTimePassword?: string;
};

export type UserChange = {
  readonly displayName?: string;
  readonly memberships?: readonly Membership[];
  readonly disabled?: boolean;
};

export type Users = {
  readonly create: (user: NewUser, origin: Origin) => Promise<Created>;
  readonly list: () => Promise<User[]>;
  readonly get: (id: string) => Promise<User | undefined>;
  readonly find: (username: string) => Promise<User | undefined>;
  readonly count: () => Promise<number>;
  /** Changes the display name, replaces the memberships, or disables/enables; undefined when no such user. */
  readonly update: (id: string, change: UserChange, origin: Origin) => Promise<User | undefined>;
  /** Adds one membership (no change when held already). */
  readonly grant: (id: string, membership: Membership, origin: Origin) => Promise<User | undefined>;
  /** Replaces the password with a one-time one, ends the user's sessions, and answers it. */
  readonly resetPassword: (id: string, origin: Origin) => Promise<string | undefined>;
};

const usernamePattern = /^[a-z0-9][a-z0-9._@-]{0,62}$/;
const partyPattern = /^[a-z0-9-]+$/;

/** Usernames are compared in lower case: "Alice" and "alice" are one person. */
export function normaliseUsername(username: string, path = "username"): string {
  const name = username.trim().toLowerCase();
  if (!usernamePattern.test(name)) {
    throw new InputError(
      { path },
      `a username of 1 to 63 letters, digits, '.', '_', '@' or '-', starting with a letter or digit (got ${JSON.stringify(username)})`,
    );
  }
  return name;
}

export function checkMemberships(memberships: readonly Membership[], path = "memberships"): Membership[] {
  const seen = new Set<string>();
  return memberships.map((m, index) => {
    if (!(workspaceRoles as readonly string[]).includes(m.role)) {
      throw new InputError({ path: `${path}[${index}].role` }, `one of ${workspaceRoles.join(", ")}`);
    }
    if (m.party !== everyParty && !partyPattern.test(m.party)) {
      throw new InputError(
        { path: `${path}[${index}].party` },
        `a party id or "*" (got ${JSON.stringify(m.party)})`,
      );
    }
    const key = `${m.party}\u0000${m.role}`;
    if (seen.has(key)) {
      throw new InputError(
        { path: `${path}[${index}]` },
        `a membership not given twice (${m.role} of ${m.party} is)`,
      );
    }
    seen.add(key);
    return { party: m.party, role: m.role };
  });
}

export function usersOf(db: Database, clock: Clock): Users {
  const get = (id: string) => loadUser(db, eq(users.id, id));
  return {
    create: (user, origin) => create(db, clock, user, origin),
    list: async () => {
      const rows = await db.select().from(users).orderBy(asc(users.username));
      return withMemberships(db, rows);
    },
    get,
    find: (username) => loadUser(db, eq(users.username, username.trim().toLowerCase())),
    count: async () => {
      const [row] = await db.select({ n: count() }).from(users);
      return row?.n ?? 0;
    },
    update: (id, change, origin) => update(db, clock, id, change, origin),
    grant: async (id, membership, origin) => {
      const user = await get(id);
      if (!user) return undefined;
      const [checked] = checkMemberships([membership], "membership");
      if (user.memberships.some((m) => m.party === checked!.party && m.role === checked!.role)) return user;
      return update(db, clock, id, { memberships: [...user.memberships, checked!] }, origin);
    },
    resetPassword: async (id, origin) => {
      const password = oneTimePassword();
      const hash = await hashPassword(password);
      const done = await db.transaction(async (tx) => {
        const user = await changePasswordHash(tx, clock, id, hash, true);
        if (!user) return false;
        await tx.delete(sessions).where(eq(sessions.userId, id));
        await auditAuth(tx, clock, origin, {
          action: "user.password.reset",
          target: `user:${user.username}`,
          outcome: "success",
        });
        return true;
      });
      return done ? password : undefined;
    },
  };
}

async function create(db: Database, clock: Clock, input: NewUser, origin: Origin): Promise<Created> {
  const username = normaliseUsername(input.username);
  const memberships = checkMemberships(input.memberships);
  const displayName = input.displayName?.trim() || username;
  const given = input.password;
  if (given !== undefined) checkPasswordRules(given, username);
  const password = given ?? oneTimePassword();
  const hash = await hashPassword(password);
  const now = clock.now();
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken.length > 0) throw new InputError({ path: "username" }, `a username not taken (${username} is)`);
    await tx.insert(users).values({
      id,
      username,
      displayName,
      passwordHash: hash,
      mustChangePassword: given === undefined,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    });
    if (memberships.length > 0) {
      await tx.insert(userMemberships).values(memberships.map((m) => ({ userId: id, ...m })));
    }
    await auditAuth(tx, clock, origin, {
      action: "user.create",
      target: `user:${username}`,
      outcome: "success",
      detail: { id, displayName, memberships: memberships.map(membershipText) },
      at: now,
    });
  });
  const user = (await loadUser(db, eq(users.id, id)))!;
  return given === undefined ? { user, oneTimePassword: password } : { user };
}

async function update(
  db: Database,
  clock: Clock,
  id: string,
  change: UserChange,
  origin: Origin,
): Promise<User | undefined> {
  const memberships = change.memberships && checkMemberships(change.memberships);
  const displayName = change.displayName?.trim();
  if (displayName === "") throw new InputError({ path: "displayName" }, "a display name that is not empty");
  const found = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) return false;
    const now = clock.now();
    await tx
      .update(users)
      .set({
        updatedAt: now,
        ...(displayName === undefined ? {} : { displayName }),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
      })
      .where(eq(users.id, id));
    if (memberships) {
      await tx.delete(userMemberships).where(eq(userMemberships.userId, id));
      if (memberships.length > 0) {
        await tx.insert(userMemberships).values(memberships.map((m) => ({ userId: id, ...m })));
      }
    }
    // A disabled account keeps nothing that lets it back in: its sessions end, its tokens are revoked.
    if (change.disabled === true) {
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)));
    }
    await auditAuth(tx, clock, origin, {
      action: change.disabled === true ? "user.disable" : "user.update",
      target: `user:${before.username}`,
      outcome: "success",
      detail: {
        ...(displayName === undefined ? {} : { displayName }),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
        ...(memberships ? { memberships: memberships.map(membershipText) } : {}),
      },
      at: now,
    });
    return true;
  });
  return found ? loadUser(db, eq(users.id, id)) : undefined;
}

/** Stores a new hash; undefined when there is no such user. */
async function changePasswordHash(
  tx: Transaction,
  clock: Clock,
  id: string,
  hash: string,
  mustChangePassword: boolean,
): Promise<{ username: string } | undefined> {
  const [row] = await tx
    .update(users)
    .set({ passwordHash: hash, mustChangePassword, updatedAt: clock.now() })
    .where(eq(users.id, id))
    .returning({ username: users.username });
  return row;
}

function membershipText(m: Membership): string {
  return `${m.role}@${m.party}`;
}

type UserRow = typeof users.$inferSelect;

async function loadUser(db: Database, where: ReturnType<typeof eq>): Promise<User | undefined> {
  const rows = await db.select().from(users).where(where);
  const [user] = await withMemberships(db, rows);
  return user;
}

async function withMemberships(db: Database, rows: readonly UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const held = await db
    .select()
    .from(userMemberships)
    .where(
      inArray(
        userMemberships.userId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(userMemberships.party), asc(userMemberships.role));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    memberships: held.filter((m) => m.userId === row.id).map((m) => ({ party: m.party, role: m.role })),
    mustChangePassword: row.mustChangePassword,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
