import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { InputError } from "../../../src/common/input-error.js";
import { parseCryptoOperation } from "../../../src/controls/crypto/operation.js";
import { anyOperation } from "./arbitrary.js";

const valid = { by: "dcc", activity: "use", purpose: "command-mac", key: "other", target: "smets2" };

function problem(text: string): InputError {
  try {
    parseCryptoOperation(text, "op.yaml");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("reading an operation (crypto-operation.md, for G2.44-G2.45 and G3.22)", () => {
  it("reads JSON and YAML alike", () => {
    // G2.44(b): the contract's own example.
    expect(parseCryptoOperation(JSON.stringify(valid), "op.json")).toEqual(valid);
    expect(parseCryptoOperation(stringify(valid), "op.yaml")).toEqual(valid);
  });

  it("accepts a quoted Device category", () => {
    // G2.44A(b): the category the SMETS1 Supporting Requirements assign.
    const text = JSON.stringify({ ...valid, target: "smets1", deviceCategory: "1" });
    expect(parseCryptoOperation(text, "op.json").deviceCategory).toBe(1);
  });

  it("refuses an unknown key, naming it and its line", () => {
    // G2.44B: a misspelt keySplit must not silently drop the exception.
    const error = problem(
      "by: dcc\nactivity: use\npurpose: tls\nkey: other\ntarget: none\nkeySplitt: true\n",
    );
    expect(error.where).toEqual({ file: "op.yaml", line: 6, path: "keySplitt" });
    expect(error.message).toContain("no such key");
  });

  it("lists the allowed values for a wrong one", () => {
    // G2.44: `by` decides which paragraph can apply.
    const error = problem(JSON.stringify({ ...valid, by: "supplier" }));
    expect(error.where.path).toBe("by");
    expect(error.expected).toBe('one of "dcc", "dco", "smets1-service-provider", "user"');
  });

  it("requires the five describing fields", () => {
    // G2.44: every paragraph turns on who, what, which key, for what and to which Device.
    for (const field of Object.keys(valid)) {
      const partial = Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));
      expect(problem(JSON.stringify(partial)).where.path).toBe(field);
    }
  });

  it("refuses a non-boolean flag, a third Device category and an empty file", () => {
    // G2.44A(b)-(c) know Category 1 and 2 only; A1 and G2.44B flags are true or false.
    expect(problem(JSON.stringify({ ...valid, keyEncrypted: "yes" })).where.path).toBe("keyEncrypted");
    expect(problem(JSON.stringify({ ...valid, deviceCategory: 3 })).where.path).toBe("deviceCategory");
    expect(problem("   \n").where.line).toBe(1);
    expect(problem("[1, 2]").expected).toContain("object");
  });

  it("round-trips every valid operation through JSON and YAML", () => {
    // G2.44-G2.45, G3.22: what is written is what gets classified.
    fc.assert(
      fc.property(anyOperation, fc.boolean(), (o, asYaml) => {
        const text = asYaml ? stringify(o) : JSON.stringify(o);
        expect(parseCryptoOperation(text, "op")).toEqual(o);
      }),
    );
  });

  it("answers arbitrary text with a result or an InputError, never anything else", () => {
    // Bad input is exit 2 with a located message, for every clause this command serves.
    const texts = fc.oneof(
      fc.string(),
      fc.constant("policy: *a\n"),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .dictionary(fc.constantFrom(...Object.keys(valid), "keySplit", "deviceCategory", "x"), fc.jsonValue())
        .map((d) => stringify({ ...valid, ...d })),
    );
    fc.assert(
      fc.property(texts, (text) => {
        try {
          parseCryptoOperation(text, "op");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
