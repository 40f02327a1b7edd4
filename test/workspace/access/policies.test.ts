/**
 * The access policies as tables: for each resource, who may do what, written out here by hand
 * (not derived from the policy code), checked against every role, inside a party and
 * installation-wide, and narrowed by token scopes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policies } from "../../../src/workspace/access/policies/index.js";
import type { AccessRequest } from "../../../src/workspace/access/policy.js";
import {
  type AccessAction,
  accessActions,
  anonymous,
  type Membership,
  type Principal,
  type TokenScope,
  tokenScopes,
  type WorkspaceRole,
  workspaceRoles,
} from "../../../src/workspace/access/principal.js";

type Resource = keyof typeof policies;

function user(memberships: readonly Membership[], scopes: readonly TokenScope[] = tokenScopes): Principal {
  return {
    kind: "user",
    userId: "u1",
    username: "alice",
    memberships,
    via: scopes === tokenScopes ? "session" : "token",
    scopes,
  };
}

const R = "read";
const W = "write";
const D = "decide";
const A = "admin";
const all = [R, W, D, A] as const;

/** What each role of party "acme" may do to acme's resources. */
const inParty: Record<Resource, Record<WorkspaceRole, readonly AccessAction[]>> = {
  session: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  code: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  parties: { owner: all, "security-officer": [R, W], contributor: [R], auditor: [R], ssc: [R] },
  obligations: { owner: [R], "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  deadlines: { owner: [R], "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  quarantine: { owner: [R, W, D], "security-officer": [R, W, D], contributor: [R], auditor: [R], ssc: [R] },
  audit: { owner: [R], "security-officer": [R], contributor: [], auditor: [R], ssc: [] },
  review: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  users: { owner: all, "security-officer": [], contributor: [], auditor: [], ssc: [] },
  registers: { owner: all, "security-officer": [R, W, D], contributor: [R, W], auditor: [R], ssc: [] },
  evidence: { owner: all, "security-officer": [R, W, D], contributor: [R, W], auditor: [R], ssc: [] },
  findings: { owner: all, "security-officer": [R, W, D], contributor: [R, W], auditor: [R], ssc: [R] },
  workflows: { owner: all, "security-officer": [R, W, D], contributor: [R], auditor: [R], ssc: [R, D] },
  controls: { owner: all, "security-officer": [R, W, D], contributor: [R], auditor: [R], ssc: [] },
};

/** What a role held in every party ("*") may do to installation-wide resources (party null). */
const installationWide: Record<Resource, Record<WorkspaceRole, readonly AccessAction[]>> = {
  session: { owner: all, "security-officer": all, contributor: all, auditor: all, ssc: all },
  code: { owner: all, "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  parties: { owner: all, "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  obligations: { owner: [R], "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  deadlines: { owner: [R], "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  quarantine: { owner: [R], "security-officer": [R], contributor: [R], auditor: [R], ssc: [R] },
  audit: { owner: [R], "security-officer": [R], contributor: [], auditor: [R], ssc: [] },
  review: { owner: [R], "security-officer": [R], contributor: [], auditor: [R], ssc: [] },
  users: { owner: all, "security-officer": [], contributor: [], auditor: [], ssc: [] },
  registers: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  evidence: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  findings: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  workflows: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
  controls: { owner: [], "security-officer": [], contributor: [], auditor: [], ssc: [] },
};

const resources = Object.keys(policies) as Resource[];

function decide(resource: Resource, request: AccessRequest) {
  return policies[resource](request);
}

describe("access policies", () => {
  it("has a policy for every resource and nothing else", () => {
    expect(resources.sort()).toEqual(Object.keys(inParty).sort());
  });

  // G2.6(c): a member of one party's workspace acts there by role, and only as the table says.
  for (const resource of resources) {
    it(`${resource}: each role of a party may do exactly what the table says there`, () => {
      for (const role of workspaceRoles) {
        for (const action of accessActions) {
          const principal = user([{ party: "acme", role }]);
          const decision = decide(resource, { principal, action, party: "acme" });
          expect({ role, action, allow: decision.allow }).toEqual({
            role,
            action,
            allow: inParty[resource][role].includes(action),
          });
        }
      }
    });

    it(`${resource}: a role held in every party counts in each party, and alone installation-wide`, () => {
      for (const role of workspaceRoles) {
        for (const action of accessActions) {
          const everywhere = user([{ party: "*", role }]);
          expect(decide(resource, { principal: everywhere, action, party: "acme" }).allow).toBe(
            inParty[resource][role].includes(action),
          );
          expect(decide(resource, { principal: everywhere, action, party: null }).allow).toBe(
            installationWide[resource][role].includes(action),
          );
        }
      }
    });
  }

  // G2.6(b)-(c): tenancy — a role in one party grants nothing in another.
  it("grants nothing in another party's workspace", () => {
    for (const resource of resources) {
      for (const role of workspaceRoles) {
        for (const action of accessActions) {
          const decision = decide(resource, {
            principal: user([{ party: "acme", role }]),
            action,
            party: "other",
          });
          expect(decision.allow).toBe(false);
        }
      }
    }
  });

  it("refuses anonymous requests to everything, saying it is not signed in", () => {
    for (const resource of resources) {
      for (const action of accessActions) {
        for (const party of ["acme", null]) {
          expect(decide(resource, { principal: anonymous, action, party })).toEqual({
            allow: false,
            reason: "not signed in",
          });
        }
      }
    }
  });

  it("lets token scopes narrow what roles allow, never widen it", () => {
    const scopeActions: Record<TokenScope, readonly AccessAction[]> = {
      read: [R],
      write: [R, W, D],
      admin: all,
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...resources),
        fc.constantFrom(...workspaceRoles),
        fc.constantFrom(...accessActions),
        fc.subarray([...tokenScopes]),
        fc.constantFrom("acme", null),
        (resource, role, action, scopes, party) => {
          const membership: Membership = { party: party === null ? "*" : "acme", role };
          const bySession = decide(resource, { principal: user([membership]), action, party });
          const byToken = decide(resource, { principal: user([membership], scopes), action, party });
          const scoped = scopes.some((scope) => scopeActions[scope].includes(action));
          expect(byToken.allow).toBe(bySession.allow && scoped);
        },
      ),
    );
  });

  // G6: the DCC runs anomaly detection, so its members read every party's quarantine, and only that.
  it("lets members of the DCC read any party's quarantine, and decide nothing", () => {
    const dccMember = user([{ party: "dcc", role: "contributor" }]);
    const request = { principal: dccMember, party: "acme", dccParties: ["dcc"] };
    expect(decide("quarantine", { ...request, action: "read" }).allow).toBe(true);
    expect(decide("quarantine", { ...request, action: "decide" }).allow).toBe(false);
    expect(decide("registers", { ...request, action: "read" }).allow).toBe(false);
    expect(decide("quarantine", { ...request, dccParties: [], action: "read" }).allow).toBe(false);
  });

  it("explains each decision in words for the audit log", () => {
    const officer = user([{ party: "acme", role: "security-officer" }]);
    expect(decide("registers", { principal: officer, action: "write", party: "acme" })).toEqual({
      allow: true,
      reason: "security-officer in party acme may write registers",
    });
    expect(decide("registers", { principal: officer, action: "admin", party: "acme" })).toEqual({
      allow: false,
      reason: "user:alice holds security-officer in party acme; none may admin registers",
    });
    expect(decide("registers", { principal: officer, action: "read", party: "other" }).reason).toBe(
      "user:alice holds no role in party other; none may read registers",
    );
    const readToken = user([{ party: "acme", role: "owner" }], ["read"]);
    expect(decide("registers", { principal: readToken, action: "write", party: "acme" }).reason).toBe(
      "the API token's scopes (read) do not cover write",
    );
    expect(decide("review", { principal: officer, action: "read", party: "acme" }).reason).toBe(
      "review is installation-wide",
    );
  });
});
