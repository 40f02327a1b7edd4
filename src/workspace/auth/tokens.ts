/**
 * API tokens for scripts and other systems: `secg_<id>_<secret>`, where the id finds the row and
 * only the SHA-256 of the secret is stored, so the secret is shown once, when issued. A token acts
 * for its user with at most its scopes; it may expire and can be revoked, and records when it was
 * last used.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import { InputError } from "../../common/input-error.js";
import { type TokenScope, tokenScopes } from "../access/principal.js";
import type { Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database } from "../database.js";
import { auditAuth } from "./audit-event.js";
import { digestMatches, newSecret, secretPattern, sha256 } from "./secrets.js";
import { apiTokens, users } from "./tables.js";
import { type User, usersOf } from "./users.js";

export type ApiToken = {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  /** ISO 8601 instants, or null. */
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
};

export type NewToken = {
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly expiresAt?: Date;
};

export type Issued = { readonly token: ApiToken; readonly secret: string };

export type TokenHolder = {
  readonly user: User;
  readonly tokenId: string;
  readonly scopes: readonly TokenScope[];
};

export type Tokens = {
  readonly issue: (userId: string, token: NewToken, origin: Origin) => Promise<Issued>;
  readonly list: (userId: string) => Promise<ApiToken[]>;
  /** False when the user holds no such token, or it is revoked already. */
  readonly revoke: (userId: string, tokenId: string, origin: Origin) => Promise<boolean>;
  /** The user and scopes of a presented token that is valid now; marks it used. */
  readonly resolve: (presented: string) => Promise<TokenHolder | undefined>;
};

const tokenPattern = /^secg_([0-9a-f]{16})_(.+)$/;
// The last-used time is written at most once a minute, not on every request.
const touchEveryMs = 60_000;

export function checkScopes(scopes: readonly string[], path = "scopes"): TokenScope[] {
  if (scopes.length === 0) throw new InputError({ path }, `at least one of ${tokenScopes.join(", ")}`);
  scopes.forEach((scope, index) => {
    if (!(tokenScopes as readonly string[]).includes(scope)) {
      throw new InputError(
        { path: `${path}[${index}]` },
        `one of ${tokenScopes.join(", ")} (got ${JSON.stringify(scope)})`,
      );
    }
  });
  return tokenScopes.filter((s) => scopes.includes(s));
}

export function tokensOf(db: Database, clock: Clock): Tokens {
  const directory = usersOf(db, clock);
  return {
    issue: async (userId, token, origin) => {
      const scopes = checkScopes(token.scopes);
      const name = token.name.trim();
      if (name === "" || name.length > 100)
        throw new InputError({ path: "name" }, "a token name of 1 to 100 characters");
      const now = clock.now();
      if (token.expiresAt && token.expiresAt <= now) {
        throw new InputError({ path: "expiresAt" }, `a time after now (${now.toISOString()})`);
      }
      const id = randomBytes(8).toString("hex");
      const secret = newSecret();
      const row = await db.transaction(async (tx) => {
        const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
        if (!user) throw new InputError({ path: "user" }, `an existing user (no user with id ${userId})`);
        const [inserted] = await tx
          .insert(apiTokens)
          .values({
            id,
            userId,
            name,
            secretSha256: sha256(secret),
            scopes,
            createdAt: now,
            expiresAt: token.expiresAt ?? null,
          })
          .returning();
        await auditAuth(tx, clock, origin, {
          action: "auth.token.issue",
          target: `user:${user.username}`,
          outcome: "success",
          detail: { token: id, name, scopes, expiresAt: token.expiresAt?.toISOString() ?? null },
          at: now,
        });
        return inserted!;
      });
      return { token: stored(row), secret: `secg_${id}_${secret}` };
    },
    list: async (userId) =>
      (
        await db
          .select()
          .from(apiTokens)
          .where(eq(apiTokens.userId, userId))
          .orderBy(asc(apiTokens.createdAt))
      ).map(stored),
    revoke: (userId, tokenId, origin) =>
      db.transaction(async (tx) => {
        const now = clock.now();
        const [revoked] = await tx
          .update(apiTokens)
          .set({ revokedAt: now })
          .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (!revoked) return false;
        const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
        await auditAuth(tx, clock, origin, {
          action: "auth.token.revoke",
          target: `user:${user?.username ?? userId}`,
          outcome: "success",
          detail: { token: tokenId },
          at: now,
        });
        return true;
      }),
    resolve: async (presented) => {
      const match = tokenPattern.exec(presented);
      if (!match || !secretPattern.test(match[2]!)) return undefined;
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, match[1]!));
      if (!row || !digestMatches(match[2]!, row.secretSha256)) return undefined;
      const now = clock.now();
      if (row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
      const user = await directory.get(row.userId);
      if (!user || user.disabled) return undefined;
      if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= touchEveryMs) {
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
      }
      return { user, tokenId: row.id, scopes: row.scopes };
    },
  };
}

function stored(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
