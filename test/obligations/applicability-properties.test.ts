import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { InputError } from "../../src/common/input-error.js";
import { applicableObligations } from "../../src/obligations/applicability/applicable.js";
import { entryOn } from "../../src/obligations/catalogue/index.js";
import { codeVersions } from "../../src/obligations/catalogue/versions.js";
import {
  type PartyProfile,
  parseProfile,
  userRoles,
  validateProfile,
} from "../../src/obligations/profile.js";

/** Random but valid profiles: any mix of roles, facts and premises the contract allows. */
const userId = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 })
  .map((bytes) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join("-"));

const roleEntry = (role: string) =>
  fc.record({
    role: fc.constant(role),
    userIds: fc.array(userId, { maxLength: 2 }),
    eligibleForSupplySensitive: fc.boolean(),
    untestedCriticalServiceRequests: fc.array(fc.constantFrom("7.1", "6.15.1", "1.1.1"), { maxLength: 2 }),
  });

const profileArb = fc
  .record({
    supplierParty: fc.boolean(),
    networkParty: fc.boolean(),
    roleNames: fc.subarray([...userRoles]),
    premises: fc.record({ domestic: fc.nat(1_000_000), nonDomestic: fc.nat(100_000) }),
    shared: fc.option(
      fc.record({ used: fc.boolean(), capableOfCompromise: fc.boolean(), viaProvider: fc.boolean() }),
      { nil: undefined },
    ),
    criticalServiceRequests: fc.boolean(),
    enrolledSmets1: fc.boolean(),
  })
  .chain((p) => {
    const names = p.roleNames.filter((r) => r !== "registration-data-provider" || p.networkParty);
    return fc.tuple(fc.constant(p), fc.tuple(...names.map(roleEntry)));
  })
  .map(
    ([p, roles]): PartyProfile =>
      validateProfile({
        id: "subject",
        name: "Subject",
        supplierParty: p.supplierParty,
        networkParty: p.networkParty,
        roles,
        premises: p.premises,
        ...(p.shared === undefined
          ? {}
          : {
              sharedResources: {
                used: p.shared.used,
                capableOfCompromise: p.shared.capableOfCompromise,
                ...(p.shared.viaProvider ? { providedBy: "provider" } : { sharedWith: ["peer"] }),
              },
            }),
        criticalServiceRequests: p.criticalServiceRequests,
        enrolledSmets1: p.enrolledSmets1,
      }),
  );

const peers = [
  validateProfile({ id: "provider", name: "P", roles: [{ role: "shared-resource-provider" }] }),
  validateProfile({
    id: "peer",
    name: "Q",
    supplierParty: true,
    premises: { domestic: 100_000, nonDomestic: 0 },
  }),
];
const dateArb = fc.constantFrom(...codeVersions.map((v) => v.inForce), "2021-06-30", "2026-01-01");

function run(profile: PartyProfile, on: string) {
  return applicableObligations(profile, new Map([profile, ...peers].map((p) => [p.id, p])), on);
}

/** G1.7 and, outside G2–G9 where G1.7 does not reach (G1.1), anything. */
const g17 = /^(G3\.[2389]|G5\.1[4-8]|G5\.19\(d\)|G5\.26(\([ab]\))?|G6\.\d+A?|G1[0-2]\.\d+.*)$/;

describe("applicability holds its invariants for any profile", () => {
  it("G1.5: one answer per role, in profile order, each duty once, every id a catalogue duty in force", () => {
    fc.assert(
      fc.property(profileArb, dateArb, (profile, on) => {
        const answer = run(profile, on);
        expect(answer.roles.map((r) => r.role)).toEqual(profile.roles.map((r) => r.role));
        for (const list of [answer.partyObligations, ...answer.roles.map((r) => r.obligations)]) {
          const ids = list.map((o) => o.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const ob of list) {
            const entry = entryOn(ob.id.replace(/\(.*$/, ""), answer.codeVersion.label);
            expect(entry?.kind, ob.id).toBe("duty");
            expect(ob.because.length, ob.id).toBeGreaterThan(0);
            for (const line of ob.because) expect(line, ob.id).toMatch(/^G\d+\.\d+/);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("G1.7, G10.5, G12.5: limited roles never carry duties outside their Sections", () => {
    fc.assert(
      fc.property(profileArb, dateArb, (profile, on) => {
        for (const role of run(profile, on).roles) {
          const ids = role.obligations.map((o) => o.id);
          if (role.role === "export-supplier" || role.role === "registered-supplier-agent") {
            for (const id of ids) expect(id, role.role).toMatch(g17);
          }
          if (role.role === "shared-resource-provider")
            expect(ids.filter((id) => /^G(6|1[0-2])\./.test(id))).toEqual([]);
          if (role.role === "triage-facility-provider")
            expect(ids.filter((id) => /^G(2|6|9|1[0-2])\./.test(id))).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("G1.5: a role's duties do not depend on the other roles the party has", () => {
    fc.assert(
      fc.property(profileArb, dateArb, (profile, on) => {
        fc.pre(profile.roles.length > 1);
        const whole = run(profile, on);
        const trimmed = run({ ...profile, roles: profile.roles.slice(1) }, on);
        expect(trimmed.roles.map((r) => r.obligations)).toEqual(
          whole.roles.slice(1).map((r) => r.obligations),
        );
      }),
      { numRuns: 150 },
    );
  });
});

describe("the profile parser refuses bad input precisely", () => {
  const valid = {
    id: "acme",
    name: "Acme",
    supplierParty: true,
    roles: [{ role: "import-supplier", userIds: ["90-B3-D5-1F-30-01-00-00"] }],
    premises: { domestic: 10, nonDomestic: 1 },
    assurance: [{ category: "full", completed: "2023-05-10", initial: true }],
  };
  const junk = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 2 }),
  );
  const paths = [
    "id",
    "name",
    "kind",
    "supplierParty",
    "roles",
    "premises",
    "premises.domestic",
    "roles.0.role",
    "roles.0.userIds",
    "assurance.0.completed",
    "sharedResources",
    "typo",
  ];

  it("any value in any place is either accepted or refused with an InputError naming the file", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const doc = structuredClone(valid) as Record<string, unknown>;
        const keys = path.split(".");
        let at: Record<string, unknown> = doc;
        for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[keys.at(-1)!] = value;
        try {
          parseProfile(stringify(doc), "p.yaml");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).message.startsWith("p.yaml")).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
