import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRegister, encodeRegister } from "../../../src/workspace/registers/formats.js";
import { registerDefinitions } from "../../../src/workspace/registers/index.js";

// G2.3(b), G3.1(b): registers exported and re-imported must come back exactly as they were.

const awkward = fc
  .string({ unit: fc.constantFrom("a", "Z", "1", " ", ",", '"', ";", "\\", "\n", "é"), minLength: 1 })
  .filter((s) => s.trim() === s && s.trim() !== "");
const date = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2099-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/);
const withoutUndefined = <T extends object>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

const inventoryItem = fc
  .record({
    id,
    system: id,
    kind: fc.constantFrom("hardware", "software", "firmware"),
    name: awkward,
    version: optional(awkward),
    patchLevel: optional(awkward),
    vendor: optional(awkward),
    installedOn: optional(date),
  })
  .map(withoutUndefined);

const system = fc
  .record({
    id,
    name: awkward,
    kind: fc.constant("user-system"),
    status: fc.constant("planned"),
    allowedPackages: fc.array(awkward, { maxLength: 3 }),
    allowedExecutables: fc.array(awkward, { maxLength: 3 }),
    ports: fc.array(
      fc.record({
        port: fc.integer({ min: 0, max: 65535 }),
        protocol: fc.constantFrom("tcp", "udp"),
        purpose: awkward,
      }),
      { maxLength: 2 },
    ),
  })
  .map(withoutUndefined);

const uniqueIds = <T extends { id: unknown }>(arb: fc.Arbitrary<T>) =>
  fc.uniqueArray(arb, { selector: (r) => r.id, maxLength: 5 });

describe("register CSV and JSON", () => {
  it.each([
    ["inventory", uniqueIds(inventoryItem)],
    ["systems", uniqueIds(system)],
  ] as const)("%s: CSV and JSON exports decode to the same records (property)", (name, records) => {
    const definition = registerDefinitions[name];
    fc.assert(
      fc.property(records, (list) => {
        const parsed = list.map((r) => definition.schema.parse(r));
        for (const format of ["csv", "json"] as const) {
          const text = encodeRegister(definition as never, format, parsed);
          const back = decodeRegister(definition as never, format, text, `f.${format}`).map((l) => l.record);
          expect(back).toEqual(parsed);
        }
      }),
      { numRuns: 60 },
    );
  });
});
