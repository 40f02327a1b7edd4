import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AuditEvent,
  auditSchemaVersion,
  canonicalEntry,
  isCanonicalEntry,
  leafHash,
} from "../../src/workspace/audit.js";

const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** The definition the fast check must agree with: the text is what canonicalising its JSON gives. */
function canonicalByDefinition(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

const event = fc.record(
  {
    actor: fc.string(),
    action: fc.string(),
    target: fc.string(),
    outcome: fc.constantFrom("success" as const, "failure" as const),
    time: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
    timeSource: fc.string(),
    schemaVersion: fc.constant(auditSchemaVersion),
    clientAddress: fc.ipV4(),
    requestId: fc.uuid(),
    detail: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
  },
  { requiredKeys: ["actor", "action", "target", "outcome", "time", "timeSource", "schemaVersion"] },
);

/** The same event with its keys inserted in another order. */
const reordered = event.chain((value) => {
  const keys = Object.keys(value);
  return fc
    .shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length })
    .map(
      (order) =>
        [value, Object.fromEntries(order.map((key) => [key, value[key as keyof AuditEvent]]))] as const,
    );
});

describe("audit entries", () => {
  it("are canonical: the same event gives the same bytes whatever order its keys were built in", () => {
    // G2.27: a record in a standard format, so its hash can be recomputed by anyone.
    fc.assert(
      fc.property(reordered, ([value, sameInOtherOrder]) => {
        const entry = canonicalEntry(value);
        expect(canonicalEntry(sameInOtherOrder as AuditEvent)).toBe(entry);
        expect(JSON.parse(entry)).toEqual(value);
        expect(entry).not.toMatch(/\n/);
      }),
    );
  });

  it("hash as RFC 6962 leaves: SHA-256 over a zero byte then the entry", () => {
    // RFC 6962 §2.1: the hash of an empty leaf.
    expect(leafHash("").toString("hex")).toBe(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    );
    fc.assert(
      fc.property(fc.string(), (entry) => {
        const plain = createHash("sha256").update(entry, "utf8").digest();
        expect(leafHash(entry).equals(plain)).toBe(false);
        expect(leafHash(entry)).toHaveLength(32);
      }),
    );
  });

  it("are recognised as canonical exactly when canonicalising their JSON gives them back", () => {
    // G2.27: the verifier must refuse any entry not in the standard form, and accept every one that is.
    const texts = fc.oneof(
      fc.jsonValue().map((value) => canonicalize(value) ?? "null"),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify(value, null, 1)),
      fc.string(),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(isCanonicalEntry(text)).toBe(canonicalByDefinition(text));
      }),
      { numRuns: 2000 },
    );
    const cases: [string, boolean][] = [
      // JavaScript enumerates integer-like keys first; RFC 8785 sorts them as strings.
      ['{"10":1,"2":2,"b":3}', true],
      ['{"2":2,"10":1,"b":3}', false],
      ['{"a":1,"a":1}', false],
      ['{"b":1,"a":2}', false],
      ['{"a":1.0}', false],
      ['{"a":"\\u00e9"}', false],
      ['{"a":"é","b":[{"d":1,"c":2}]}', false],
      ['{"a":"é","b":[{"c":2,"d":1}]}', true],
      ["", false],
    ];
    for (const [text, canonical] of cases) {
      expect(isCanonicalEntry(text), text).toBe(canonical);
      expect(canonicalByDefinition(text), text).toBe(canonical);
    }
  });
});
