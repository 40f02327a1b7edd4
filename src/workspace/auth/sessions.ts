/**
 * Signing in and browser sessions. A session token is 32 random bytes; the store keeps only its
 * SHA-256, so a copy of the database lets nobody in. A session ends after an idle period
 * (30 minutes unless configured), after 12 hours whatever happens, at logout, and when the user's
 * password changes elsewhere. Failed logins are counted in the store (./throttle.ts) so that every
 * server of one deployment throttles alike, and each attempt is an audit entry.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, lt, ne } from "drizzle-orm";
import type { Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { auditAuth } from "./audit-event.js";
import { checkPasswordRules, hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords.js";
import { digestMatches, newSecret, secretPattern, sha256 } from "./secrets.js";
import { loginAttempts, sessions, users } from "./tables.js";
import {
  addressBlockedUntil,
  defaultThrottle,
  lockedUntil,
  secondsUntil,
  type ThrottlePolicy,
} from "./throttle.js";
import { type User, usersOf } from "./users.js";

export type SessionPolicy = {
  readonly idleMs: number;
  readonly absoluteMs: number;
  readonly throttle: ThrottlePolicy;
};

export const defaultSessionPolicy: SessionPolicy = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  throttle: defaultThrottle,
};

export type LoginResult =
  | { readonly kind: "signed-in"; readonly user: User; readonly token: string; readonly csrfToken: string }
  | { readonly kind: "refused" }
  | { readonly kind: "throttled"; readonly retryAfterSeconds: number };

export type ActiveSession = {
  readonly sessionId: string;
  readonly user: User;
  readonly csrfSha256: Buffer;
};

export type PasswordChange = "changed" | "wrong-password" | "no-user";

export type Sessions = {
  readonly login: (username: string, password: string, origin: LoginOrigin) => Promise<LoginResult>;
  /** The session a cookie token names, if still valid; marks it used (which extends its idle time). */
  readonly resume: (token: string) => Promise<ActiveSession | undefined>;
  readonly logout: (token: string, origin: Origin) => Promise<void>;
  /** Checks the current password, sets the new one and ends the user's other sessions. */
  readonly changePassword: (
    userId: string,
    current: string,
    next: string,
    keepSessionId: string | undefined,
    origin: Origin,
  ) => Promise<PasswordChange>;
};

export type LoginOrigin = Origin & { readonly clientAddress: string };

// The last-seen time is written at most once a minute, not on every request.
const touchEveryMs = 60_000;
// Longer input is never a username; it is cut short before it is stored or logged.
const usernameKept = 128;

/** The CSRF token of a session: derived from its token, so it can be shown again without being stored. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256(`secg-csrf\u0000${sessionToken}`).toString("base64url");
}

export function sessionsOf(
  db: Database,
  clock: Clock,
  policy: SessionPolicy = defaultSessionPolicy,
): Sessions {
  const directory = usersOf(db, clock);

  const login = async (username: string, password: string, origin: LoginOrigin): Promise<LoginResult> => {
    const name = username.trim().toLowerCase().slice(0, usernameKept);
    const now = clock.now();
    const throttled = await throttledUntil(name, origin.clientAddress, now);
    if (throttled) {
      await db.transaction((tx) =>
        auditAuth(tx, clock, origin, {
          action: "auth.login",
          target: `user:${name}`,
          outcome: "failure",
          detail: { username: name, reason: throttled.reason },
          at: now,
        }),
      );
      return { kind: "throttled", retryAfterSeconds: secondsUntil(throttled.until, now) };
    }

    const [row] = await db.select().from(users).where(eq(users.username, name));
    const passwordOk = row
      ? await verifyPassword(password, row.passwordHash)
      : await verifyAgainstDummy(password);
    const reason = !row
      ? "unknown-user"
      : !passwordOk
        ? "wrong-password"
        : row.disabled
          ? "disabled"
          : undefined;

    if (reason !== undefined || !row) {
      await db.transaction(async (tx) => {
        await tx.insert(loginAttempts).values({
          username: name,
          clientAddress: origin.clientAddress,
          succeeded: false,
          attemptedAt: now,
        });
        await auditAuth(tx, clock, origin, {
          action: "auth.login",
          target: `user:${name}`,
          outcome: "failure",
          detail: { username: name, reason: reason ?? "unknown-user" },
          at: now,
        });
        const until = lockedUntil(await usernameFailures(tx, name, now), now, policy.throttle);
        if (until) {
          await auditAuth(tx, clock, origin, {
            action: "auth.lockout",
            target: `user:${name}`,
            outcome: "success",
            detail: { username: name, until: until.toISOString() },
            at: now,
          });
        }
      });
      return { kind: "refused" };
    }

    const token = newSecret();
    const csrfToken = csrfTokenFor(token);
    await db.transaction(async (tx) => {
      await tx
        .insert(loginAttempts)
        .values({ username: name, clientAddress: origin.clientAddress, succeeded: true, attemptedAt: now });
      // Older attempts can no longer count towards any limit; keeping them would only grow the table.
      const forgotten = new Date(now.getTime() - policy.throttle.windowMs - policy.throttle.lockoutMs);
      await tx.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, forgotten));
      const id = randomUUID();
      await tx.insert(sessions).values({
        id,
        userId: row.id,
        tokenSha256: sha256(token),
        csrfSha256: sha256(csrfToken),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + policy.absoluteMs),
      });
      // From here on the request acts as the user who signed in.
      await auditAuth(
        tx,
        clock,
        { ...origin, actor: `user:${name}` },
        {
          action: "auth.login",
          target: `user:${name}`,
          outcome: "success",
          detail: { username: name, session: id },
          at: now,
        },
      );
    });
    const user = (await directory.get(row.id))!;
    return { kind: "signed-in", user, token, csrfToken };
  };

  /** Failed attempts for a username since its last success, within the longest span that can matter. */
  const usernameFailures = async (q: Database | Transaction, name: string, now: Date): Promise<Date[]> => {
    const since = new Date(now.getTime() - policy.throttle.windowMs - policy.throttle.lockoutMs);
    const rows = await q
      .select({ at: loginAttempts.attemptedAt, succeeded: loginAttempts.succeeded })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.username, name), gt(loginAttempts.attemptedAt, since)))
      .orderBy(asc(loginAttempts.attemptedAt), asc(loginAttempts.id));
    const lastSuccess = rows.findLastIndex((r) => r.succeeded);
    return rows.slice(lastSuccess + 1).map((r) => r.at);
  };

  const throttledUntil = async (
    name: string,
    clientAddress: string,
    now: Date,
  ): Promise<{ until: Date; reason: "locked" | "address-throttled" } | undefined> => {
    const since = new Date(now.getTime() - policy.throttle.windowMs);
    const fromAddress = await db
      .select({ at: loginAttempts.attemptedAt })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.clientAddress, clientAddress),
          eq(loginAttempts.succeeded, false),
          gt(loginAttempts.attemptedAt, since),
        ),
      )
      .orderBy(desc(loginAttempts.attemptedAt))
      .limit(policy.throttle.addressFailures);
    const addressUntil = addressBlockedUntil(
      fromAddress.map((r) => r.at),
      now,
      policy.throttle,
    );
    if (addressUntil) return { until: addressUntil, reason: "address-throttled" };
    const lockUntil = lockedUntil(await usernameFailures(db, name, now), now, policy.throttle);
    return lockUntil && { until: lockUntil, reason: "locked" };
  };

  const resume = async (token: string): Promise<ActiveSession | undefined> => {
    if (!secretPattern.test(token)) return undefined;
    const [found] = await db
      .select({ session: sessions, disabled: users.disabled })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenSha256, sha256(token)));
    if (!found) return undefined;
    const { session } = found;
    const now = clock.now().getTime();
    const idleEnd = session.lastSeenAt.getTime() + policy.idleMs;
    if (found.disabled || now >= idleEnd || now >= session.expiresAt.getTime()) {
      await db.delete(sessions).where(eq(sessions.id, session.id));
      return undefined;
    }
    if (now - session.lastSeenAt.getTime() >= touchEveryMs) {
      await db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, session.id));
    }
    const user = await directory.get(session.userId);
    return user && { sessionId: session.id, user, csrfSha256: session.csrfSha256 };
  };

  const logout = async (token: string, origin: Origin): Promise<void> => {
    if (!secretPattern.test(token)) return;
    await db.transaction(async (tx) => {
      const [ended] = await tx
        .delete(sessions)
        .where(eq(sessions.tokenSha256, sha256(token)))
        .returning({ id: sessions.id, userId: sessions.userId });
      if (!ended) return;
      const [user] = await tx
        .select({ username: users.username })
        .from(users)
        .where(eq(users.id, ended.userId));
      await auditAuth(tx, clock, origin, {
        action: "auth.logout",
        target: `user:${user?.username ?? ended.userId}`,
        outcome: "success",
        detail: { session: ended.id },
      });
    });
  };

  const changePassword = async (
    userId: string,
    current: string,
    next: string,
    keepSessionId: string | undefined,
    origin: Origin,
  ): Promise<PasswordChange> => {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    if (!row) return "no-user";
    if (!(await verifyPassword(current, row.passwordHash))) {
      await db.transaction((tx) =>
        auditAuth(tx, clock, origin, {
          action: "auth.password.change",
          target: `user:${row.username}`,
          outcome: "failure",
          detail: { reason: "wrong-password" },
        }),
      );
      return "wrong-password";
    }
    checkPasswordRules(next, row.username, "newPassword");
    const hash = await hashPassword(next);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash: hash, mustChangePassword: false, updatedAt: clock.now() })
        .where(eq(users.id, userId));
      const others =
        keepSessionId === undefined
          ? eq(sessions.userId, userId)
          : and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId));
      const ended = await tx.delete(sessions).where(others).returning({ id: sessions.id });
      await auditAuth(tx, clock, origin, {
        action: "auth.password.change",
        target: `user:${row.username}`,
        outcome: "success",
        detail: { sessionsEnded: ended.length },
      });
    });
    return "changed";
  };

  return { login, resume, logout, changePassword };
}

/** Whether a request's x-csrf-token header belongs to the session. */
export function csrfMatches(session: ActiveSession, header: string | undefined): boolean {
  return header !== undefined && digestMatches(header, session.csrfSha256);
}
