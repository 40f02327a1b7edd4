import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { suppliedKinds } from "../../../src/controls/crypto/dcc-supplied.js";
import {
  checkDccSupplied,
  parseSuppliedRegister,
  type SuppliedItem,
  type SuppliedRegister,
} from "../../../src/controls/crypto/index.js";
import { addDays, parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";

const on = parseIsoDate("2026-03-01");
const d = parseIsoDate;
const token: SuppliedItem = {
  id: "cct-2.1",
  kind: "cryptographic-credential-token",
  keyGenerationAssured: d("2025-01-10"),
  tested: d("2025-01-20"),
  vendorArrangement: "in-place",
};
const software: SuppliedItem = {
  id: "fss-4",
  kind: "file-signing-software",
  codeReview: { on: d("2025-02-01"), by: "reviewer-ltd" },
  verifiableOnReceipt: true,
  vendorArrangement: "in-place",
};
const register = (items: SuppliedItem[], extra: Partial<SuppliedRegister> = {}): SuppliedRegister => ({
  items,
  supplies: items.map((i) => ({ item: i.id, to: "acme", on: d("2025-03-01") })),
  vulnerabilities: [],
  ...extra,
});
const clauses = (r: SuppliedRegister) => checkDccSupplied(r, on).map((f) => `${f.clause} ${f.severity}`);

describe("tokens the DCC supplies (G2.37–G2.39)", () => {
  it("accepts a token assured and tested before it was first supplied", () => {
    // G2.37(a), (b)
    expect(clauses(register([token]))).toEqual([]);
  });

  it("flags missing or late assurance of key generation and testing", () => {
    // G2.37(a): infeasible-to-regenerate Key Pairs; G2.37(b): adequately tested, both "before supplying".
    const { keyGenerationAssured: _k, ...noAssurance } = token;
    expect(clauses(register([noAssurance]))).toEqual(["G2.37(a) error"]);
    expect(clauses(register([{ ...token, tested: d("2025-03-02") }]))).toEqual(["G2.37(b) error"]);
  });

  it("warns when no vendor arrangement is recorded", () => {
    // G2.38: wherever reasonably practicable, so "not-practicable" is an answer too.
    const { vendorArrangement: _v, ...none } = token;
    expect(clauses(register([none]))).toEqual(["G2.38 warning"]);
    expect(clauses(register([{ ...token, vendorArrangement: "not-practicable" }]))).toEqual([]);
  });

  it("needs every Subscriber it went to, and the vendor where practicable, told of a vulnerability", () => {
    // G2.39
    const r = register([token], {
      supplies: [
        { item: "cct-2.1", to: "acme", on: d("2025-03-01") },
        { item: "cct-2.1", to: "bolt", on: d("2025-04-01") },
        { item: "cct-2.1", to: "later", on: d("2026-02-01") },
      ],
      vulnerabilities: [{ id: "v1", item: "cct-2.1", awareOn: d("2026-01-15"), notified: ["acme"] }],
    });
    const found = checkDccSupplied(r, on);
    expect(found.map((f) => `${f.clause} ${f.severity}`)).toEqual(["G2.39 error", "G2.39 error"]);
    expect(found[0]?.detail).toContain("bolt");
    expect(found[0]?.detail).not.toContain("later");
    const told = register([token], {
      vulnerabilities: [
        {
          id: "v1",
          item: "cct-2.1",
          awareOn: d("2026-01-15"),
          notified: ["acme"],
          vendorNotified: "not-practicable",
        },
      ],
    });
    expect(clauses(told)).toEqual([]);
  });
});

describe("File Signing Software the DCC supplies (G2.40–G2.43)", () => {
  it("needs a code review before supply and a form recipients can verify", () => {
    // G2.40; G2.43(a)-(b)
    expect(clauses(register([software]))).toEqual([]);
    const { codeReview: _c, ...unreviewed } = software;
    expect(clauses(register([unreviewed]))).toEqual(["G2.40 error"]);
    expect(clauses(register([{ ...software, verifiableOnReceipt: false }]))).toEqual(["G2.43 error"]);
  });

  it("needs everyone it was provided to told of a vulnerability", () => {
    // G2.42; G2.41 for the arrangement with the developer.
    const r = register([{ ...software, vendorArrangement: undefined }], {
      vulnerabilities: [
        { id: "v", item: "fss-4", awareOn: d("2026-01-01"), notified: [], vendorNotified: "yes" },
      ],
    });
    expect(clauses(r)).toEqual(["G2.41 warning", "G2.42 error"]);
  });

  it("says nothing before anything is supplied", () => {
    // G2.37, G2.40: the duties bite "before supplying".
    const { codeReview: _c, ...unreviewed } = software;
    expect(clauses(register([unreviewed], { supplies: [] }))).toEqual([]);
  });
});

describe("the register format", () => {
  it("refuses a supply of an unknown item and a token field on software, naming the key", () => {
    expect(() =>
      parseSuppliedRegister("items: []\nsupplies:\n  - { item: x, to: acme, on: 2025-01-01 }\n", "s.yaml"),
    ).toThrow(/supplies\[0\]\.item/);
    expect(() =>
      parseSuppliedRegister(
        "items:\n  - { id: f, kind: file-signing-software, tested: 2025-01-01 }\n",
        "s.yaml",
      ),
    ).toThrow(/items\[0\]\.tested/);
  });
});

describe("the register format, as a property", () => {
  it("round-trips every valid register through YAML and JSON", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays(parseIsoDate("2020-01-01"), n));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const anyItem = fc
      .record({
        id: fc.constantFrom("a", "b", "c"),
        kind: fc.constantFrom(...suppliedKinds),
        first: maybe(day),
        second: maybe(day),
        flag: maybe(fc.boolean()),
        vendorArrangement: maybe(fc.constantFrom("in-place" as const, "not-practicable" as const)),
      })
      .map(({ id, kind, first, second, flag, vendorArrangement }): SuppliedItem => {
        const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
        const own =
          kind === "file-signing-software"
            ? {
                ...optional("codeReview", first === undefined ? undefined : { on: first, by: "reviewer" }),
                ...optional("verifiableOnReceipt", flag),
              }
            : { ...optional("keyGenerationAssured", first), ...optional("tested", second) };
        return { id, kind, ...own, ...optional("vendorArrangement", vendorArrangement) };
      });
    const anyRegister = fc.uniqueArray(anyItem, { selector: (i) => i.id, minLength: 1 }).chain((items) => {
      const itemId = fc.constantFrom(...items.map((i) => i.id));
      return fc.record({
        items: fc.constant(items),
        supplies: fc.array(fc.record({ item: itemId, to: fc.constantFrom("acme", "bolt"), on: day })),
        vulnerabilities: fc.uniqueArray(
          fc.record(
            {
              id: fc.constantFrom("v1", "v2"),
              item: itemId,
              awareOn: day,
              notified: fc.array(fc.constantFrom("acme", "bolt")),
              vendorNotified: fc.constantFrom("yes" as const, "not-practicable" as const),
            },
            { requiredKeys: ["id", "item", "awareOn", "notified"] },
          ),
          { selector: (v) => v.id },
        ),
      });
    });
    fc.assert(
      fc.property(anyRegister, fc.boolean(), (register, asYaml) => {
        const text = asYaml ? stringify(register) : JSON.stringify(register);
        expect(parseSuppliedRegister(text, "s.yaml")).toEqual(register);
      }),
    );
  });
});
