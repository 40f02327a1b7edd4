/** The sign-in endpoints, in the shapes of the API contract (src/api/routes/auth.ts). */
import { request, send } from "../api/client.js";

export type Membership = { readonly party: string; readonly role: string };

export type Me = {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly memberships: readonly Membership[];
  readonly mustChangePassword: boolean;
};

/** csrfToken is null for a request signed by an API token, which needs none. */
export type SessionAnswer = { readonly user: Me; readonly csrfToken: string | null };

export const authApi = {
  /** The current session; a 401 here means "not signed in", not "signed out just now". */
  me: () => request<SessionAnswer>("GET", "/api/auth/me", { signInOn401: false }),
  login: (username: string, password: string) =>
    request<SessionAnswer>("POST", "/api/auth/login", { body: { username, password }, signInOn401: false }),
  logout: () => send<undefined>("POST", "/api/auth/logout"),
  changePassword: (currentPassword: string, newPassword: string) =>
    send<undefined>("POST", "/api/auth/password", { currentPassword, newPassword }),
};

/** "owner of every party", "auditor of acme": how the header names a user's roles. */
export function describeMemberships(memberships: readonly Membership[]): string {
  return memberships
    .map(({ party, role }) => `${role} of ${party === "*" ? "every party" : party}`)
    .join(", ");
}
