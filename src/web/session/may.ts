/**
 * Whether the signed-in user's roles let them take an action in a party's workspace, read off the
 * server's own policy tables (plain data, bundled as is), so a form the server would refuse is
 * shown disabled rather than failing on submit. The server still decides every request.
 */
import type { Policy } from "../../workspace/access/policy.js";
import type { AccessAction, WorkspaceRole } from "../../workspace/access/principal.js";
import type { Me } from "./auth-api.js";

export function mayIn(me: Me, policy: Policy, action: AccessAction, party: string): boolean {
  return policy({
    principal: {
      kind: "user",
      userId: me.id,
      username: me.username,
      memberships: me.memberships.map((m) => ({ party: m.party, role: m.role as WorkspaceRole })),
      via: "session",
      scopes: ["admin"],
    },
    action,
    party,
  }).allow;
}
