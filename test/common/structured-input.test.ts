import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InputError } from "../../src/common/input-error.js";
import { formatPath, parseStructured } from "../../src/common/structured-input.js";

const schema = z
  .object({ id: z.string(), items: z.array(z.object({ kind: z.enum(["a", "b"]), n: z.number() }).strict()) })
  .strict();

function failure(text: string): InputError {
  try {
    parseStructured(text, "f.yaml", schema);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("parseStructured", () => {
  it("reads YAML and JSON alike", () => {
    const yaml = parseStructured("id: x\nitems:\n  - { kind: a, n: 1 }\n", "f.yaml", schema);
    const json = parseStructured('{"id":"x","items":[{"kind":"a","n":1}]}', "f.json", schema);
    expect(yaml).toEqual(json);
  });

  it("names the line and key path of a wrong value", () => {
    const e = failure("id: x\nitems:\n  - kind: a\n    n: 1\n  - kind: c\n    n: 2\n");
    expect(e.where).toEqual({ file: "f.yaml", line: 5, path: "items[1].kind" });
    expect(e.message).toBe('f.yaml:5 at items[1].kind: expected one of "a", "b"');
  });

  it("tells a wrong type from a missing value", () => {
    expect(failure("id: x\nitems: {}\n").expected).toBe("an array");
    expect(failure("id: x\n").expected).toBe("a value (required array)");
  });

  it("refuses unknown keys, naming the key", () => {
    const e = failure("id: x\nitems: []\nitem: []\n");
    expect(e.where.path).toBe("item");
    expect(e.where.line).toBe(3);
  });

  it("reports a missing key at its parent", () => {
    const e = failure("items: []\n");
    expect(e.where.path).toBe("id");
    expect(e.expected).toMatch(/required/);
  });

  it("reports syntax errors and empty files with a line", () => {
    expect(failure("id: [x\n").where.line).toBeGreaterThan(0);
    expect(failure("  \n").message).toMatch(/empty/);
    expect(failure("id: x\nid: y\nitems: []\n").where.line).toBe(2);
  });

  it("reports unresolved and runaway aliases as bad input", () => {
    expect(failure("id: *a\nitems: []\n").message).toMatch(
      /^f\.yaml: expected a document whose aliases resolve/,
    );
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 6; i++)
      laughs.push(`${"bcdefg"[i]}: &${"bcdefg"[i]} [${Array(10).fill(`*${"abcdef"[i]}`).join(", ")}]`);
    expect(failure(laughs.join("\n")).expected).toMatch(/aliases/);
  });

  it("never throws anything but InputError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseStructured(text, "f", schema);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe("formatPath", () => {
  it("writes paths as people read them", () => {
    expect(formatPath(["roles", 0, "userIds", 2])).toBe("roles[0].userIds[2]");
    expect(formatPath([])).toBe("");
  });
});
