import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditEvent, auditSchemaVersion, canonicalEntry, leafHash } from "../../src/workspace/audit.js";

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
});
