import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { parseDuisRequest } from "../../../src/controls/duis/parse.js";
import { serviceRequests } from "../../../src/controls/duis/service-requests.js";
import { sharedPath } from "../../support/shared.js";
import { renderRequest, sampleSpec } from "./render.js";

// G6.1(a): whatever arrives, ADT either reads a request or reports bad input — it never crashes
// and never misreads one. The seeds are generated requests plus, when present, the DCC's own.
const templates = sharedPath("reference/duis-templates");
const seeds = [
  renderRequest(sampleSpec),
  renderRequest({ ...sampleSpec, prefix: "" }),
  ...(templates
    ? readdirSync(templates)
        .filter((f) => /\.xml$/i.test(f))
        .slice(0, 40)
        .map((f) => readFileSync(join(templates, f), "utf8"))
    : []),
];

const hexPair = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, "0"));
const eui64 = fc.array(hexPair, { minLength: 8, maxLength: 8 }).map((pairs) => pairs.join("-"));
const counter = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "swap"; at: number; other: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("<", ">", "&", "</sr:Header>", '"', "<!--", "]]>", "\u0000"),
    ),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
);

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case "truncate":
      return text.slice(0, at);
    case "delete":
      return text.slice(0, at) + text.slice(at + m.length);
    case "insert":
      return text.slice(0, at) + m.text + text.slice(at);
    case "swap": {
      const other = m.other % (text.length + 1);
      const [a, b] = at <= other ? [at, other] : [other, at];
      return (
        text.slice(0, a) +
        text.slice(b, b + 1) +
        text.slice(a + 1, b) +
        text.slice(a, a + 1) +
        text.slice(b + 1)
      );
    }
  }
}

describe("DUIS parser under fuzzing", () => {
  it("throws nothing but InputError on mutated and truncated requests", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (seed, mutations) => {
          const text = mutations.reduce(mutate, seed);
          try {
            parseDuisRequest(text, "fuzz.xml");
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            expect((error as InputError).where.file).toBe("fuzz.xml");
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("round-trips generated valid requests", () => {
    const variant = fc
      .constantFrom(...serviceRequests)
      .chain((srv) => fc.record({ srv: fc.constant(srv), cv: fc.constantFrom(...srv.commandVariants) }));
    fc.assert(
      fc.property(
        eui64,
        eui64,
        counter,
        variant,
        fc.constantFrom("", "sr", "a", "duis_1"),
        fc.constantFrom("\n    ", " ", "", "\n<!-- note -->\n"),
        (originator, target, count, { srv, cv }, prefix, filler) => {
          const text = renderRequest({
            requestId: `${originator}:${target}:${count}`,
            commandVariant: cv,
            serviceReference: srv.serviceReference,
            srv: srv.srv,
            prefix,
            filler,
          });
          expect(parseDuisRequest(text, "gen.xml")).toEqual({
            requestId: `${originator.toUpperCase()}:${target.toUpperCase()}:${count}`,
            originator: originator.toUpperCase(),
            target: target.toUpperCase(),
            counter: count,
            commandVariant: cv,
            serviceReference: srv.serviceReference,
            srv: srv.srv,
            critical: srv.critical,
            schemaVersion: "5.4",
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
