import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { parseRequestLine } from "../../../src/controls/adt/request-line.js";

const contractLine =
  '{"requestId":"90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1001","srv":"7.2","commandVariant":5,"time":"2025-03-01T10:00:00Z","smets1":false,"values":{"price":1200}}';

function failure(line: string): InputError {
  try {
    parseRequestLine(line);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const withField = (key: string, value: unknown) =>
  JSON.stringify({ ...JSON.parse(contractLine), [key]: value });

describe("JSON Lines requests (adt.md)", () => {
  // G6.3: thresholds are kept per User ID, which is the RequestID's originator.
  it("reads the contract's example line", () => {
    expect(parseRequestLine(contractLine)).toEqual({
      requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1001",
      userId: "90-B3-D5-1F-30-01-00-00",
      srv: "7.2",
      commandVariant: 5,
      time: Date.UTC(2025, 2, 1, 10),
      smets1: false,
      values: { price: 1200 },
    });
  });

  // G6.1(d)(i): smets1 and values may be left out (not SMETS1, no values).
  it("defaults smets1 to false and values to none", () => {
    const bare = JSON.stringify(JSON.parse(contractLine), (key, value) =>
      key === "smets1" || key === "values" ? undefined : value,
    );
    expect(parseRequestLine(bare)).toMatchObject({ smets1: false, values: {} });
  });

  // G6.3, adt.md: a bad line is reported by field, never guessed around (a wrong time moves windows).
  it("names the field and what it should be", () => {
    expect(failure(withField("time", "2025-03-01 10:00")).expected).toMatch(
      /^"time" as an ISO-8601 UTC timestamp/,
    );
    expect(failure(withField("requestId", "90-B3:1")).expected).toMatch(/^"requestId"/);
    expect(
      failure(withField("requestId", "90-B3-D5-1F-30-01-00-0G:00-DB-12-34-56-78-90-A0:1")).expected,
    ).toMatch(/EUI-64 originator/);
    expect(
      failure(withField("requestId", "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551616"))
        .expected,
    ).toMatch(/counter/);
    expect(failure(withField("srv", "9.9")).expected).toMatch(/^"srv"/);
    expect(failure(withField("srv", 7.2)).expected).toMatch(/^"srv"/);
    expect(failure(withField("commandVariant", "5")).expected).toMatch(/^"commandVariant"/);
    expect(failure(withField("commandVariant", 1)).expected).toMatch(/4, 5, 6, 7/);
    expect(failure(withField("smets1", "yes")).expected).toMatch(/^"smets1"/);
    expect(failure(withField("values", { price: "12" })).expected).toMatch(/^"values.price"/);
    expect(failure(withField("smets", true)).expected).toMatch(/only the keys/);
    expect(failure("[1,2]").expected).toMatch(/JSON object/);
    expect(failure("{not json").expected).toMatch(/JSON object/);
  });

  // G6.3: RequestIDs identify quarantined requests exactly, so the counter keeps every digit.
  it("keeps the full 64-bit counter", () => {
    const id = "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551615";
    expect(parseRequestLine(withField("requestId", id)).requestId).toBe(id);
  });

  // adt.md: any malformed line is bad input (exit 2), never a crash.
  it("throws nothing but InputError on mangled lines", () => {
    fc.assert(
      fc.property(
        fc.nat(contractLine.length),
        fc.nat(contractLine.length),
        fc.string(),
        (from, to, insert) => {
          const [a, b] = from <= to ? [from, to] : [to, from];
          const mangled = contractLine.slice(0, a) + insert + contractLine.slice(b);
          try {
            parseRequestLine(mangled);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
