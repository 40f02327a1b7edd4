import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { InputError } from "../../../src/common/input-error.js";
import {
  checkModuleRegister,
  type ModuleRegister,
  parseModuleRegister,
} from "../../../src/controls/crypto/modules.js";
import type { CryptoOperation } from "../../../src/controls/crypto/operation.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/crypto", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const commandSignature: CryptoOperation = {
  by: "dcc",
  activity: "use",
  purpose: "command-signature",
  key: "dcc-private",
  target: "smets2",
};
const tls: CryptoOperation = { by: "dcc", activity: "use", purpose: "tls", key: "other", target: "none" };

function register(module: ModuleRegister["modules"][number], ops: CryptoOperation[]): ModuleRegister {
  return { modules: [module], keys: [{ id: "k", module: module.id, operations: ops }] };
}

describe("module register check", () => {
  it("flags a G2.44(f) key in a Level 2 module and names the clause", () => {
    // G2.44(f)
    const findings = checkModuleRegister(
      register({ id: "m", fips140Level: 2, certificate: "1" }, [tls, commandSignature]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ key: "k", module: "m", operation: 1, clause: "G2.44(f)" });
  });

  it("accepts a Level 3 or Level 4 module with a certificate", () => {
    // G2.44
    for (const level of [3, 4] as const) {
      expect(
        checkModuleRegister(register({ id: "m", fips140Level: level, certificate: "9" }, [commandSignature])),
      ).toEqual([]);
    }
  });

  it("does not count a claimed Level 3 without a certificate", () => {
    // G2.44
    const [finding] = checkModuleRegister(register({ id: "m", fips140Level: 3 }, [commandSignature]));
    expect(finding?.detail).toContain("no certificate");
  });

  it("never flags operations that need only the Information Classification Scheme", () => {
    // G2.45, G3.22
    const user: CryptoOperation = { ...commandSignature, by: "user" };
    expect(checkModuleRegister(register({ id: "m" }, [tls, user]))).toEqual([]);
  });

  it("refuses a key in a module the register does not list", () => {
    const text =
      "modules: []\nkeys:\n  - { id: k, module: nowhere, operations: [{ by: dcc, activity: use, purpose: tls, key: other, target: none }] }\n";
    expect(() => parseModuleRegister(text, "r.yaml")).toThrow(
      /r\.yaml:\d+ at keys\[0\]\.module: expected the id of a module/,
    );
  });

  it("upgrading a module to a certified Level 3 never adds a finding", () => {
    // G2.44: a property over every register shape
    const op = fc.record({
      by: fc.constantFrom("dcc", "dco", "smets1-service-provider", "user"),
      activity: fc.constantFrom("generate", "store", "use"),
      purpose: fc.constantFrom(
        "cos-party",
        "command-mac",
        "command-signature",
        "tls",
        "instruction",
        "add-credit",
        "other",
      ),
      key: fc.constantFrom(
        "smets1-symmetric",
        "dcc-private",
        "private",
        "recovery-private",
        "contingency-private",
        "other",
      ),
      target: fc.constantFrom("smets1", "smets2", "none"),
    }) as fc.Arbitrary<CryptoOperation>;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), fc.constantFrom(1, 2, 3, 4), (ops, level) => {
        const before = checkModuleRegister(register({ id: "m", fips140Level: level as 1 | 2 | 3 | 4 }, ops));
        const after = checkModuleRegister(register({ id: "m", fips140Level: 3, certificate: "c" }, ops));
        expect(after.length).toBeLessThanOrEqual(before.length);
        expect(after).toEqual([]);
      }),
    );
  });

  it("reports any text as a register or an InputError, never another error", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseModuleRegister(text, "r.yaml");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe("secg crypto check-register", () => {
  it("exits 1 with the finding as JSON", async () => {
    // G2.44(f)
    const { code, out } = await secg("crypto", "check-register", fixture("module-register.yaml"), "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out).findings).toMatchObject([{ key: "signer", module: "soft-1", clause: "G2.44(f)" }]);
  });

  it("exits 2 naming the line and key path of a bad operation inside the register", async () => {
    const { code, err } = await secg("crypto", "check-register", fixture("module-register-bad-op.yaml"));
    expect(code).toBe(2);
    expect(err).toMatch(
      /module-register-bad-op\.yaml:9 at keys\[0\]\.operations\[0\]\.purpose: expected one of "cos-party"/,
    );
  });
});
