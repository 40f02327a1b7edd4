/**
 * Users an installation starts with. On a store without users, one owner of every party's
 * workspace, whose one-time password is handed back to be shown once. With demonstration data,
 * also a few users of a demo supplier and the SSC, with the documented password of docs/access.md
 * and no password change required, so a demo can be explored straight away.
 */
import { everyParty, type Membership } from "../access/principal.js";
import type { Origin } from "../audit.js";
import type { Users } from "./users.js";

export const firstOwnerName = "owner";

/** Creates the first owner when there is no user; answers its one-time password, or nothing. */
export async function ensureFirstOwner(users: Users, origin: Origin): Promise<string | undefined> {
  if ((await users.count()) > 0) return undefined;
  try {
    const created = await users.create(
      {
        username: firstOwnerName,
        displayName: "Installation owner",
        memberships: [{ party: everyParty, role: "owner" }],
      },
      origin,
    );
    return created.oneTimePassword;
  } catch (error) {
    // Another server of the same deployment made it first; its output showed the password.
    if (await users.find(firstOwnerName)) return undefined;
    throw error;
  }
}

/** Documented in docs/access.md; only ever used on a loopback-only demo server. */
export const demoPassword = "demo-password";

export const demoSupplier = "large-supplier";

export const demoUsers: readonly { username: string; displayName: string; memberships: Membership[] }[] = [
  {
    username: "supplier-owner",
    displayName: "Demo supplier owner",
    memberships: [{ party: demoSupplier, role: "owner" }],
  },
  {
    username: "supplier-security",
    displayName: "Demo security officer",
    memberships: [{ party: demoSupplier, role: "security-officer" }],
  },
  {
    username: "supplier-contributor",
    displayName: "Demo contributor",
    memberships: [{ party: demoSupplier, role: "contributor" }],
  },
  {
    username: "supplier-auditor",
    displayName: "Demo auditor",
    memberships: [{ party: demoSupplier, role: "auditor" }],
  },
  {
    username: "ssc-member",
    displayName: "Demo SSC member",
    memberships: [{ party: everyParty, role: "ssc" }],
  },
];

/** Creates each demo user not present yet; answers the usernames created. */
export async function seedDemoUsers(users: Users, origin: Origin): Promise<string[]> {
  const created: string[] = [];
  for (const user of demoUsers) {
    if (await users.find(user.username)) continue;
    await users.create({ ...user, password: demoPassword }, origin);
    created.push(user.username);
  }
  return created;
}
