import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyCryptoOperation, requirementRank } from "../../../src/controls/crypto/classify.js";
import type { CryptoOperation } from "../../../src/controls/crypto/operation.js";
import { anyOperation } from "./arbitrary.js";

const base: CryptoOperation = { by: "dcc", activity: "use", purpose: "other", key: "other", target: "none" };
const op = (overrides: Partial<CryptoOperation>): CryptoOperation => ({ ...base, ...overrides });
const answer = (overrides: Partial<CryptoOperation>) => {
  const { requirement, clauses } = classifyCryptoOperation(op(overrides));
  return { requirement, clauses };
};
const fips = (...clauses: string[]) => ({ requirement: "fips-140-2-level-3", clauses });
const ics = (...clauses: string[]) => ({ requirement: "information-classification-scheme", clauses });
const notProcessing = {
  requirement: "not-cryptographic-processing",
  clauses: ["A1 (Cryptographic Processing)"],
};

const s1sp = { by: "smets1-service-provider", key: "smets1-symmetric", target: "smets1" } as const;

describe("the definition of Cryptographic Processing (A1, as amended for SMETS1)", () => {
  it("leaves out storage of encrypted key material used with SMETS1 Devices", () => {
    // A1 Cryptographic Processing: storage of encrypted SMETS1 Secret Key Material is excluded.
    expect(answer({ ...s1sp, activity: "store", keyEncrypted: true })).toEqual(notProcessing);
    expect(answer({ by: "dco", activity: "store", key: "smets1-symmetric", keyEncrypted: true })).toEqual(
      notProcessing,
    );
    expect(
      answer({ activity: "store", key: "dcc-private", purpose: "tls", target: "smets1", keyEncrypted: true }),
    ).toEqual(notProcessing);
  });

  it("applies before G3.22 for a User too", () => {
    // A1 Cryptographic Processing: the exclusion is part of the definition, so no duty reaches it.
    expect(answer({ by: "user", activity: "store", target: "smets1", keyEncrypted: true })).toEqual(
      notProcessing,
    );
  });

  it("still counts storage of unencrypted SMETS1 keys, and generation or use of encrypted ones", () => {
    // A1 Cryptographic Processing: only encrypted storage is excluded; G2.44(c) then applies.
    expect(answer({ by: "dco", activity: "store", key: "smets1-symmetric", keyEncrypted: false })).toEqual(
      fips("G2.44(c)"),
    );
    expect(answer({ by: "dco", activity: "store", key: "smets1-symmetric" })).toEqual(fips("G2.44(c)"));
    expect(answer({ by: "dco", activity: "use", key: "smets1-symmetric", keyEncrypted: true })).toEqual(
      fips("G2.44(c)"),
    );
    expect(answer({ by: "dco", activity: "generate", key: "smets1-symmetric", keyEncrypted: true })).toEqual(
      fips("G2.44(c)"),
    );
  });

  it("does not exclude encrypted storage of keys for SMETS2+ Devices", () => {
    // A1 Cryptographic Processing: the carve-out names SMETS1 Devices only, so G2.44(f) still applies.
    expect(
      answer({
        activity: "store",
        key: "private",
        purpose: "command-signature",
        target: "smets2",
        keyEncrypted: true,
      }),
    ).toEqual(fips("G2.44(f)"));
  });
});

describe("G3.22: a User's Cryptographic Processing", () => {
  it("needs Information Classification Scheme modules, whatever the key or purpose", () => {
    // G3.22
    expect(answer({ by: "user", key: "private", purpose: "command-signature", target: "smets2" })).toEqual(
      ics("G3.22"),
    );
    expect(answer({ by: "user", purpose: "cos-party" })).toEqual(ics("G3.22"));
    expect(answer({ by: "user", activity: "store", key: "smets1-symmetric" })).toEqual(ics("G3.22"));
  });
});

describe("G2.44: FIPS 140-2 Level 3 for the DCC", () => {
  it("(a) covers everything done for the DCC's CoS Party obligations", () => {
    // G2.44(a)
    expect(answer({ purpose: "cos-party", key: "private" })).toEqual(fips("G2.44(a)"));
    expect(answer({ purpose: "cos-party", activity: "generate" })).toEqual(fips("G2.44(a)"));
  });

  it("(b) covers MACs that make Commands for SMETS2+ Devices, not for SMETS1", () => {
    // G2.44(b)
    expect(answer({ purpose: "command-mac", target: "smets2" })).toEqual(fips("G2.44(b)"));
    expect(answer({ purpose: "command-mac", target: "smets1" })).toEqual(ics("G2.45"));
  });

  it("(c) covers any DCO use of a SMETS1 Symmetric Key, with no exceptions", () => {
    // G2.44(c): G2.44A qualifies (e) only, so an add-credit Command by a DCO stays FIPS.
    expect(answer({ by: "dco", key: "smets1-symmetric" })).toEqual(fips("G2.44(c)"));
    expect(answer({ by: "dco", key: "smets1-symmetric", purpose: "add-credit", target: "smets1" })).toEqual(
      fips("G2.44(c)"),
    );
    expect(answer({ by: "dco", key: "other", target: "smets1" })).toEqual(ics("G2.45"));
  });

  it("(d) covers a DCC Private Key establishing TLS with a SMETS1 Device", () => {
    // G2.44(d)
    expect(answer({ key: "dcc-private", purpose: "tls", target: "smets1" })).toEqual(fips("G2.44(d)"));
    expect(answer({ key: "private", purpose: "tls", target: "smets1" })).toEqual(ics("G2.45"));
    expect(answer({ key: "dcc-private", purpose: "tls", target: "smets2" })).toEqual(ics("G2.45"));
  });

  it("(e) covers a SMETS1 Service Provider's SMETS1 Symmetric Key outside the G2.44A circumstances", () => {
    // G2.44(e)
    expect(answer({ ...s1sp, keyLifetime: "long-term" })).toEqual(fips("G2.44(e)"));
    expect(answer({ ...s1sp, activity: "store" })).toEqual(fips("G2.44(e)"));
    expect(answer({ by: "dcc", key: "smets1-symmetric", target: "smets1" })).toEqual(ics("G2.45"));
    expect(answer({ by: "smets1-service-provider", key: "other", target: "smets1" })).toEqual(ics("G2.45"));
  });

  it("(f) covers any Private Key signing a Command for a SMETS2+ Device", () => {
    // G2.44(f)
    for (const key of ["private", "dcc-private", "recovery-private", "contingency-private"] as const) {
      expect(answer({ key, purpose: "command-signature", target: "smets2" })).toEqual(fips("G2.44(f)"));
    }
    expect(answer({ key: "other", purpose: "command-signature", target: "smets2" })).toEqual(ics("G2.45"));
    expect(answer({ key: "private", purpose: "command-signature", target: "smets1" })).toEqual(ics("G2.45"));
  });

  it("names every paragraph that applies", () => {
    // G2.44(a) and (c) both reach a DCO using a SMETS1 Symmetric Key for CoS purposes.
    expect(answer({ by: "dco", key: "smets1-symmetric", purpose: "cos-party" })).toEqual(
      fips("G2.44(a)", "G2.44(c)"),
    );
  });
});

describe("G2.44A: when G2.44(e) does not apply", () => {
  it("(a) an add-credit Command for a SMETS1 Device", () => {
    // G2.44A(a)
    expect(answer({ ...s1sp, purpose: "add-credit" })).toEqual(ics("G2.44A(a)", "G2.45"));
  });

  it("(b) an Instruction to a Category 1 Device, but not to Category 2 or an unknown category", () => {
    // G2.44A(b)
    expect(answer({ ...s1sp, purpose: "instruction", deviceCategory: 1 })).toEqual(ics("G2.44A(b)", "G2.45"));
    expect(answer({ ...s1sp, purpose: "instruction", deviceCategory: 2 })).toEqual(fips("G2.44(e)"));
    expect(answer({ ...s1sp, purpose: "instruction" })).toEqual(fips("G2.44(e)"));
  });

  it("(c) a key living for one Application Association, only with a Category 2 Device", () => {
    // G2.44A(c)(i) and (ii) must both hold.
    expect(answer({ ...s1sp, keyLifetime: "application-association", deviceCategory: 2 })).toEqual(
      ics("G2.44A(c)", "G2.45"),
    );
    expect(answer({ ...s1sp, keyLifetime: "application-association", deviceCategory: 1 })).toEqual(
      fips("G2.44(e)"),
    );
    expect(answer({ ...s1sp, keyLifetime: "long-term", deviceCategory: 2 })).toEqual(fips("G2.44(e)"));
  });

  it("(d) a key made for and destroyed with one TLS session with a SMETS1 Device", () => {
    // G2.44A(d)(i)-(iii)
    expect(answer({ ...s1sp, purpose: "tls", keyLifetime: "tls-session" })).toEqual(
      ics("G2.44A(d)", "G2.45"),
    );
    expect(answer({ ...s1sp, purpose: "tls", keyLifetime: "long-term" })).toEqual(fips("G2.44(e)"));
    expect(answer({ ...s1sp, purpose: "tls" })).toEqual(fips("G2.44(e)"));
  });

  it("lists every circumstance that occurs", () => {
    // G2.44A: any one suffices; both are named when two occur.
    expect(
      answer({ ...s1sp, purpose: "add-credit", keyLifetime: "application-association", deviceCategory: 2 }),
    ).toEqual(ics("G2.44A(a)", "G2.44A(c)", "G2.45"));
  });
});

describe("G2.44B: when G2.44(f) does not apply", () => {
  const signing = { purpose: "command-signature", target: "smets2" } as const;

  it("(a) the Recovery Private Key while split into parts", () => {
    // G2.44B(a)
    expect(answer({ ...signing, key: "recovery-private", keySplit: true, activity: "store" })).toEqual(
      ics("G2.44B(a)", "G2.45"),
    );
    expect(answer({ ...signing, key: "recovery-private", keySplit: false })).toEqual(fips("G2.44(f)"));
  });

  it("(b) the Contingency Private Key while split into parts", () => {
    // G2.44B(b)
    expect(answer({ ...signing, key: "contingency-private", keySplit: true, activity: "store" })).toEqual(
      ics("G2.44B(b)", "G2.45"),
    );
    expect(answer({ ...signing, key: "contingency-private" })).toEqual(fips("G2.44(f)"));
  });

  it("does not reach other Private Keys even when split", () => {
    // G2.44B names only the Recovery and Contingency Private Keys.
    expect(answer({ ...signing, key: "private", keySplit: true })).toEqual(fips("G2.44(f)"));
    expect(answer({ ...signing, key: "dcc-private", keySplit: true })).toEqual(fips("G2.44(f)"));
  });

  it("qualifies (f) only, not (a)", () => {
    // G2.44B is for the purposes of G2.44(f); G2.44(a) has no exception.
    expect(answer({ key: "recovery-private", keySplit: true, purpose: "cos-party" })).toEqual(
      fips("G2.44(a)"),
    );
  });
});

describe("G2.45: the rest of the DCC's processing", () => {
  it("uses Information Classification Scheme modules", () => {
    // G2.45
    expect(answer({})).toEqual(ics("G2.45"));
    expect(
      answer({ by: "smets1-service-provider", key: "private", purpose: "instruction", target: "smets1" }),
    ).toEqual(ics("G2.45"));
  });
});

describe("properties over every operation", () => {
  const dccSide = anyOperation.filter((o) => o.by !== "user");

  it("gives exactly one of the three answers with at least one clause and a reason", () => {
    // G2.44, G2.45, G3.22 and A1 together cover every operation.
    fc.assert(
      fc.property(anyOperation, (o) => {
        const result = classifyCryptoOperation(o);
        expect(Object.keys(requirementRank)).toContain(result.requirement);
        expect(result.clauses.length).toBeGreaterThan(0);
        expect(result.reason).not.toBe("");
        expect(classifyCryptoOperation(o)).toEqual(result);
      }),
    );
  });

  it("never requires FIPS through a paragraph its exception took away", () => {
    // G2.44A qualifies G2.44(e); G2.44B qualifies G2.44(f).
    fc.assert(
      fc.property(dccSide, (o) => {
        const { clauses } = classifyCryptoOperation(o);
        if (clauses.some((c) => c.startsWith("G2.44A"))) expect(clauses).not.toContain("G2.44(e)");
        if (clauses.some((c) => c.startsWith("G2.44B"))) expect(clauses).not.toContain("G2.44(f)");
      }),
    );
  });

  it("never tightens the requirement when an exception's facts are added", () => {
    // G2.44A, G2.44B and the A1 exclusion only ever relax: adding their facts cannot raise the bar.
    const facts = fc.record(
      {
        keyEncrypted: fc.constant(true),
        keySplit: fc.constant(true),
        deviceCategory: fc.constantFrom(1 as const, 2 as const),
        keyLifetime: fc.constantFrom("application-association" as const, "tls-session" as const),
      },
      { requiredKeys: [] },
    );
    const bare = anyOperation.map(({ by, activity, purpose, key, target }) => ({
      by,
      activity,
      purpose,
      key,
      target,
    }));
    fc.assert(
      fc.property(bare, facts, (o, added) => {
        const before = requirementRank[classifyCryptoOperation(o).requirement];
        const after = requirementRank[classifyCryptoOperation({ ...o, ...added }).requirement];
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it("never tightens when one exception's fact is added to an operation that states others", () => {
    // G2.44A(b)-(d), G2.44B(a)-(b), A1: each fact that lifts a paragraph, set on any operation.
    const lifts = fc.constantFrom(
      { keyEncrypted: true },
      { keySplit: true },
      { deviceCategory: 1 as const },
      { keyLifetime: "tls-session" as const },
      { keyLifetime: "application-association" as const, deviceCategory: 2 as const },
    );
    fc.assert(
      fc.property(anyOperation, lifts, (o, lift) => {
        // Adding, not changing: a fact the operation already states otherwise is a different operation.
        const record = o as Record<string, unknown>;
        fc.pre(Object.entries(lift).every(([k, v]) => record[k] === undefined || record[k] === v));
        const before = requirementRank[classifyCryptoOperation(o).requirement];
        const after = requirementRank[classifyCryptoOperation({ ...o, ...lift }).requirement];
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it("cites G2.44 for every FIPS answer, and G2.45 or G3.22 last for the others", () => {
    // G2.44 is the only source of the FIPS requirement; G2.45 and G3.22 are the fall-backs.
    fc.assert(
      fc.property(anyOperation, (o) => {
        const { requirement, clauses } = classifyCryptoOperation(o);
        if (requirement === "fips-140-2-level-3")
          for (const c of clauses) expect(c).toMatch(/^G2\.44\([a-f]\)$/);
        if (requirement === "information-classification-scheme")
          expect(["G2.45", "G3.22"]).toContain(clauses.at(-1));
      }),
    );
  });

  it("never requires FIPS of a User", () => {
    // G3.22
    fc.assert(
      fc.property(
        anyOperation.map((o) => ({ ...o, by: "user" as const })),
        (o) => {
          expect(classifyCryptoOperation(o).requirement).not.toBe("fips-140-2-level-3");
        },
      ),
    );
  });
});
