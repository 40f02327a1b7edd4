import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { InputError } from "../../../src/common/input-error.js";
import type { Numbered } from "../../../src/controls/anomalies/json-lines.js";
import { checkKeyUse } from "../../../src/controls/keys/check.js";
import { parseSigningEvents, type SigningEvent } from "../../../src/controls/keys/events.js";
import { type KeyRegister, parseKeyRegister, signingPurposes } from "../../../src/controls/keys/register.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/keys", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const at = Date.UTC(2026, 0, 5, 9);
const event = (
  keyId: string,
  purpose: SigningEvent["purpose"],
  line = 1,
  time = at,
): Numbered<SigningEvent> => ({
  line,
  value: { time, keyId, purpose, actor: "svc" },
});

const dcc: KeyRegister = {
  owner: "dcc",
  keys: [
    { id: "cmd", kind: "command-signing", purposes: ["command-signature", "csr"] },
    { id: "root", kind: "root-oca", purposes: ["oca-certificate", "csr", "organisation-arl"] },
    {
      id: "iss",
      kind: "issuing-oca",
      purposes: ["organisation-certificate", "csr", "organisation-crl"],
      retiredAt: at,
    },
  ],
};

describe("key use", () => {
  it("lets a Command-signing key sign Commands and CSRs only (DCC)", () => {
    // G2.56(a), G2.56(b)
    expect(checkKeyUse(dcc, [event("cmd", "command-signature"), event("cmd", "csr")])).toEqual([]);
    expect(checkKeyUse(dcc, [event("cmd", "organisation-crl")])).toMatchObject([
      { kind: "purpose-not-permitted", clause: "G2.56", keyId: "cmd", line: 1 },
    ]);
  });

  it("applies the same limits to a User's Command-signing key under G3.29", () => {
    // G3.29(a), G3.29(b)
    const user: KeyRegister = {
      owner: "user",
      keys: [{ id: "u", kind: "command-signing", purposes: ["command-signature"] }],
    };
    expect(checkKeyUse(user, [event("u", "other")])).toMatchObject([
      { kind: "purpose-not-permitted", clause: "G3.29" },
    ]);
    expect(checkKeyUse(user, [event("nope", "command-signature")])).toMatchObject([
      { kind: "unknown-key", clause: "G3.29" },
    ]);
  });

  it("confines the Root OCA Private Key to OCA Certificates, CSRs and the Organisation ARL", () => {
    // G2.60(a)-(c)
    for (const p of ["oca-certificate", "csr", "organisation-arl"] as const)
      expect(checkKeyUse(dcc, [event("root", p)])).toEqual([]);
    expect(checkKeyUse(dcc, [event("root", "organisation-certificate")])).toMatchObject([
      { clause: "G2.60" },
    ]);
  });

  it("confines an Issuing OCA Private Key to Organisation Certificates, CSRs and the CRL", () => {
    // G2.61(a)-(c)
    const early = at - 1;
    for (const p of ["organisation-certificate", "csr", "organisation-crl"] as const) {
      expect(checkKeyUse(dcc, [event("iss", p, 1, early)])).toEqual([]);
    }
    expect(checkKeyUse(dcc, [event("iss", "command-signature", 1, early)])).toMatchObject([
      { clause: "G2.61" },
    ]);
  });

  it("flags use of a retired key from the instant of retirement", () => {
    // G2.61
    expect(checkKeyUse(dcc, [event("iss", "organisation-crl", 3, at)])).toMatchObject([
      { kind: "retired-key", line: 3 },
    ]);
  });

  it("flags a purpose the Code allows but the holder did not declare", () => {
    // G2.56
    const narrow: KeyRegister = {
      owner: "dcc",
      keys: [{ id: "cmd", kind: "command-signing", purposes: ["command-signature"] }],
    };
    expect(checkKeyUse(narrow, [event("cmd", "csr")])).toMatchObject([{ kind: "purpose-not-declared" }]);
  });

  it("flags a register that permits a key more than the Code allows", () => {
    // G2.56
    const wide: KeyRegister = {
      owner: "dcc",
      keys: [{ id: "cmd", kind: "command-signing", purposes: ["other"] }],
    };
    expect(checkKeyUse(wide, [])).toMatchObject([{ kind: "register-purpose-not-permitted", line: null }]);
  });

  it("refuses OCA keys in a User's register", () => {
    // G2.60, G2.61: only the DCC holds OCA keys
    expect(() =>
      parseKeyRegister("owner: user\nkeys:\n  - { id: r, kind: root-oca, purposes: [csr] }\n", "k.yaml"),
    ).toThrow(/k\.yaml:3 at keys\[0\]\.kind: expected "command-signing" for a User's key/);
  });

  it("adding events never removes a finding", () => {
    // G2.56, G2.60, G2.61: findings are per event
    const ev = fc.record({
      line: fc.nat(),
      value: fc.record({
        time: fc.integer({ min: at - 1000, max: at + 1000 }),
        keyId: fc.constantFrom("cmd", "root", "iss", "ghost"),
        purpose: fc.constantFrom(...signingPurposes),
        actor: fc.constant("a"),
      }),
    });
    fc.assert(
      fc.property(fc.array(ev), fc.array(ev), (a, b) => {
        const before = checkKeyUse(dcc, a);
        const after = checkKeyUse(dcc, [...a, ...b]);
        expect(after.slice(0, before.length)).toEqual(before);
      }),
    );
  });

  it("reads any text as events or fails with an InputError naming the file", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseSigningEvents(text, "e.jsonl");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message).toMatch(/^e\.jsonl/);
        }
      }),
    );
  });
});

describe("secg keys check", () => {
  it("exits 0 when every signature is within its key's purposes", async () => {
    // G2.56, G2.60, G2.61
    const { code, out } = await secg(
      "keys",
      "check",
      "--register",
      fixture("register.yaml"),
      "--events",
      fixture("events-clean.jsonl"),
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ checked: 3, findings: [] });
  });

  it("exits 1 listing each misuse with its clause and line", async () => {
    // G2.56, G2.61
    const { code, out } = await secg(
      "keys",
      "check",
      "--register",
      fixture("register.yaml"),
      "--events",
      fixture("events-bad.jsonl"),
      "--json",
    );
    expect(code).toBe(1);
    const { findings } = JSON.parse(out);
    expect(
      findings.map((f: { kind: string; clause: string; line: number }) => [f.kind, f.clause, f.line]),
    ).toEqual([
      ["purpose-not-permitted", "G2.56", 1],
      ["purpose-not-declared", "G2.56", 2],
      ["unknown-key", "G2.56", 3],
      ["retired-key", "G2.61", 4],
    ]);
  });

  it("exits 2 naming the line and field of a bad event", async () => {
    const { code, err } = await secg(
      "keys",
      "check",
      "--register",
      fixture("register.yaml"),
      "--events",
      fixture("events-malformed.jsonl"),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/events-malformed\.jsonl:3 at time: expected an ISO-8601 UTC timestamp/);
  });
});

describe("secg keys check-certificates", () => {
  it("exits 1 with the G2.57 finding for a certificate whose key was not replaced by expiry", async () => {
    // G2.57 (acb-legacy); G2.59 lets acb-new through G2.58; tls-web's key stays within GBCS.
    const { code, out } = await secg(
      "keys",
      "check-certificates",
      fixture("organisation-certificates.yaml"),
      "--on",
      "2026-01-10",
      "--json",
    );
    expect(code).toBe(1);
    const { findings } = JSON.parse(out);
    expect(findings.map((f: { certificate: string; clause: string }) => [f.certificate, f.clause])).toEqual([
      ["acb-legacy", "G2.57"],
      ["acb-new", "G2.57"],
    ]);
    expect(findings[1].severity).toBe("warning");
  });
});
