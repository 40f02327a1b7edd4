/**
 * Signed-in requests for route tests: a user made directly in the store with a known password,
 * signed in through the API as a browser would be. Spread the answer into app.inject's headers.
 */
import { randomBytes } from "node:crypto";
import type { App } from "../../src/api/app.js";
import type { Membership, TokenScope } from "../../src/workspace/access/principal.js";
import { tokensOf } from "../../src/workspace/auth/tokens.js";
import { usersOf } from "../../src/workspace/auth/users.js";
import type { Store } from "../../src/workspace/store.js";

/** The password every test user gets. */
export const testPassword = "correct horse battery staple";

const testOrigin = { actor: "test:api-session" };

function freshUsername(): string {
  return `user-${randomBytes(4).toString("hex")}`;
}

/** Creates a user holding `memberships` and signs in: {cookie, "x-csrf-token"}. */
export async function sessionHeaders(
  app: App,
  store: Store,
  memberships: readonly Membership[],
  username: string = freshUsername(),
): Promise<Record<string, string>> {
  await usersOf(store.db, store.clock).create({ username, memberships, password: testPassword }, testOrigin);
  return signIn(app, username, testPassword);
}

/** Signs an existing user in: {cookie, "x-csrf-token"}. */
export async function signIn(app: App, username: string, password: string): Promise<Record<string, string>> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`signing in ${username} answered ${response.statusCode}: ${response.body}`);
  }
  const cookie = String(response.headers["set-cookie"] ?? "").split(";")[0] ?? "";
  const { csrfToken } = response.json() as { csrfToken: string };
  return { cookie, "x-csrf-token": csrfToken };
}

/** Creates a user holding `memberships` and issues it an API token with `scopes`: {authorization}. */
export async function tokenHeaders(
  store: Store,
  memberships: readonly Membership[],
  scopes: readonly TokenScope[],
  username: string = freshUsername(),
): Promise<Record<string, string>> {
  const { user } = await usersOf(store.db, store.clock).create(
    { username, memberships, password: testPassword },
    testOrigin,
  );
  const { secret } = await tokensOf(store.db, store.clock).issue(
    user.id,
    { name: "test token", scopes },
    testOrigin,
  );
  return { authorization: `Bearer ${secret}` };
}
