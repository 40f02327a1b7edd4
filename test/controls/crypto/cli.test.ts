import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/crypto", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("secg crypto classify", () => {
  it("prints the contract's JSON for a SMETS2+ Command MAC", async () => {
    // G2.44(b)
    const { code, out } = await secg("crypto", "classify", fixture("command-mac.json"), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ requirement: "fips-140-2-level-3", clauses: ["G2.44(b)"] });
  });

  it("reads YAML and names the exception and G2.45 for a split Recovery Private Key", async () => {
    // G2.44B(a), G2.45
    const { code, out } = await secg("crypto", "classify", fixture("recovery-key-split.yaml"), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      requirement: "information-classification-scheme",
      clauses: ["G2.44B(a)", "G2.45"],
    });
  });

  it("answers an add-credit Command under G2.44A(a)", async () => {
    // G2.44A(a)
    const { out } = await secg("crypto", "classify", fixture("add-credit.yaml"), "--json");
    expect(JSON.parse(out).clauses).toEqual(["G2.44A(a)", "G2.45"]);
  });

  it("says encrypted SMETS1 key storage is not Cryptographic Processing, readably without --json", async () => {
    // A1 Cryptographic Processing
    const { code, out } = await secg("crypto", "classify", fixture("smets1-encrypted-storage.json"));
    expect(code).toBe(0);
    expect(out).toMatch(/^not-cryptographic-processing \(A1 \(Cryptographic Processing\)\)\n/);
  });

  it("exits 2 with file, line and key path for a misspelt key", async () => {
    // G2.44B: a typo in keySplit must not change the answer silently.
    const { code, out, err } = await secg("crypto", "classify", fixture("misspelt-key.yaml"), "--json");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      `secg: ${fixture("misspelt-key.yaml")}:6 at keySplitt: expected no such key (unknown keys are refused so that a typo never changes the result)\n`,
    );
  });

  it("exits 2 for a missing file", async () => {
    // Bad input for G2.44-G2.45 classification is reported, not guessed around.
    const { code, err } = await secg("crypto", "classify", fixture("absent.json"));
    expect(code).toBe(2);
    expect(err).toContain("does not exist");
  });
});

describe("secg crypto check-supplied", () => {
  it("exits 1 naming the File Signing Software supplied without a code review", async () => {
    // G2.40: reviewed before supply; the token (G2.37, G2.39) is in order.
    const { code, out } = await secg(
      "crypto",
      "check-supplied",
      fixture("dcc-supplied.yaml"),
      "--on",
      "2026-02-01",
    );
    expect(code).toBe(1);
    expect(out).toContain("fss-4  G2.40  error");
    expect(out).not.toContain("cct-2.1");
  });
});
