import { describe, expect, it } from "vitest";
import { parseProfile } from "../../src/obligations/profile.js";

// The party profile contract: ../shared/contracts/party-profile.md
const acme = `
id: acme
name: Acme Energy Ltd
supplierParty: true
roles:
  - role: import-supplier
    userIds: ["90-B3-D5-1F-30-01-00-00"]
    eligibleForSupplySensitive: true
    untestedCriticalServiceRequests: ["7.1"]
  - role: export-supplier
premises: { domestic: 120000, nonDomestic: 8000 }
sharedResources: { used: true, providedBy: srp-one }
assurance:
  - { category: full, completed: 2023-05-10, initial: true }
  - { category: follow-up, completed: 2023-08-01 }
`;

describe("party profile", () => {
  it("reads the contract's example with its defaults", () => {
    const p = parseProfile(acme, "acme.yaml");
    expect(p.kind).toBe("party");
    expect(p.networkParty).toBe(false);
    expect(p.roles[1]).toEqual({
      role: "export-supplier",
      userIds: [],
      eligibleForSupplySensitive: false,
      untestedCriticalServiceRequests: [],
    });
    // G5.25(b): capable of compromise is taken to hold when resources are shared, unless said otherwise.
    expect(p.sharedResources).toEqual({
      used: true,
      providedBy: "srp-one",
      sharedWith: [],
      capableOfCompromise: true,
    });
    expect(p.assurance[0]).toEqual({ category: "full", completed: "2023-05-10", initial: true });
  });

  it.each([
    [
      "an unknown key, with its path",
      "id: a\nname: A\nsupplierParty: true\nnetworkPary: true\n",
      "a.yaml:4 at networkPary",
    ],
    ["an unknown role", "id: a\nname: A\nroles:\n  - role: importer\n", "a.yaml:4 at roles[0].role"],
    ["a bad id", "id: Acme\nname: A\n", "a.yaml:1 at id"],
    [
      "an impossible date",
      "id: a\nname: A\nassurance:\n  - { category: full, completed: 2023-02-30 }\n",
      "assurance[0].completed",
    ],
    [
      "a malformed User ID",
      "id: a\nname: A\nroles:\n  - { role: other-user, userIds: [90-B3] }\n",
      "roles[0].userIds[0]",
    ],
    [
      "a role given twice",
      "id: a\nname: A\nroles:\n  - role: other-user\n  - role: other-user\n",
      "roles[1].role",
    ],
    [
      "assessments out of order",
      "id: a\nname: A\nassurance:\n  - { category: full, completed: 2024-01-01 }\n  - { category: self, completed: 2023-01-01 }\n",
      "assurance[1].completed",
    ],
    ["negative premises", "id: a\nname: A\npremises: { domestic: -1 }\n", "premises.domestic"],
  ])("refuses %s", (_what, text, where) => {
    expect(() => parseProfile(text, "a.yaml")).toThrow(where);
  });
});
