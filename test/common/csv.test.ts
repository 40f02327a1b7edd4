import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv, parseCsvTable } from "../../src/common/csv.js";
import { InputError } from "../../src/common/input-error.js";

// Registers are imported from CSV (G2.3(b), G3.1(b): the inventory must be kept current, so it
// must be loadable from the spreadsheets people keep it in without losing or inventing data).

const fieldsOf = (text: string) => parseCsv(text).map((r) => r.fields);

function failure(attempt: () => unknown): InputError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const field = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\r\n", "\n", "é", "x") });
const record = fc.array(field, { minLength: 1, maxLength: 6 });

describe("parseCsv", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks", () => {
    expect(fieldsOf('a,"b,c","say ""hi""","two\r\nlines"\r\nx,,z\r\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\r\nlines"],
      ["x", "", "z"],
    ]);
  });

  it("reads LF as well as CRLF, and without a final line break", () => {
    expect(fieldsOf("a,b\nc,d")).toEqual(fieldsOf("a,b\r\nc,d\r\n"));
  });

  it("skips a leading byte-order mark", () => {
    expect(fieldsOf("\uFEFFid,name\r\n")).toEqual([["id", "name"]]);
  });

  it("numbers each record by the line it starts on", () => {
    expect(parseCsv('a\n"b\nc"\nd\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("names the line and column of an unclosed quote, a stray quote and text after a quote", () => {
    expect(failure(() => parseCsv('a,b\nc,"open\nmore', "f.csv")).where).toEqual({
      file: "f.csv",
      line: 2,
      path: "column 2",
    });
    expect(failure(() => parseCsv('a,b"c\n')).where).toEqual({ line: 1, path: "column 2" });
    expect(failure(() => parseCsv('a\n"b"c,d\n')).where).toEqual({ line: 2, path: "column 1" });
    expect(failure(() => parseCsv("a,b\rc\n")).expected).toMatch(/LF or CRLF/);
  });

  it("reads back whatever it writes, exactly (property)", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (records) => {
        expect(fieldsOf(formatCsv(records))).toEqual(records);
      }),
    );
  });

  it("reads LF-only text as its CRLF twin when no field holds a line break (property)", () => {
    const plain = fc.array(
      fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', " ") }), { minLength: 1 }),
    );
    fc.assert(
      fc.property(plain, (records) => {
        const crlf = formatCsv(records);
        expect(fieldsOf(crlf.replaceAll("\r\n", "\n"))).toEqual(fieldsOf(crlf));
      }),
    );
  });
});

describe("parseCsvTable", () => {
  it("takes the header from the first record and skips blank lines", () => {
    const table = parseCsvTable("id,name\r\n1,a\r\n\r\n2,b\r\n\r\n");
    expect(table.header).toEqual(["id", "name"]);
    expect(table.rows.map((r) => [r.line, r.fields])).toEqual([
      [2, ["1", "a"]],
      [4, ["2", "b"]],
    ]);
  });

  it("refuses a row with another number of fields, a repeated column and an empty file", () => {
    const short = failure(() => parseCsvTable("id,name\n1\n", "f.csv"));
    expect(short.where).toEqual({ file: "f.csv", line: 2 });
    expect(short.expected).toMatch(/2 fields as in the header \(found 1\)/);
    expect(failure(() => parseCsvTable("id,id\n")).where).toEqual({ line: 1, path: "id" });
    expect(failure(() => parseCsvTable("")).expected).toMatch(/header/);
  });
});
