import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/people", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("secg independence check", () => {
  it("exits 1 and lists the contract example's violations", async () => {
    // G2.22B(c), G3.13(b), G2.24(b)
    const { code, out } = await secg(
      "independence",
      "check",
      fixture("contract-example.yaml"),
      "--on",
      "2025-01-01",
      "--json",
    );
    expect(code).toBe(1);
    const { violations } = JSON.parse(out);
    expect(violations.map((v: { person: string; clause: string }) => [v.person, v.clause])).toEqual([
      ["p1", "G2.22B(c)"],
      ["p1", "G3.13(b)"],
      ["p1", "G2.24(b)"],
    ]);
    for (const v of violations) expect(typeof v.detail).toBe("string");
  });

  it("exits 0 with an empty list when nobody breaks a rule", async () => {
    // G2.24(b) boundary, G4.8(b) additional controls
    const { code, out } = await secg(
      "independence",
      "check",
      fixture("clean.yaml"),
      "--on",
      "2024-06-01",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ violations: [] });
  });

  it("judges ongoing work at --on, and prints for people without --json", async () => {
    // G4.8: the ongoing dcc-live privilege overlaps June 2024 only once --on reaches it.
    const before = await secg(
      "independence",
      "check",
      fixture("privileged-without-controls.json"),
      "--on",
      "2024-05-31",
    );
    expect(before.code).toBe(0);
    expect(before.out).toContain("no independence violations");
    const after = await secg(
      "independence",
      "check",
      fixture("privileged-without-controls.json"),
      "--on",
      "2024-06-01",
    );
    expect(after.code).toBe(1);
    expect(after.out).toMatch(/^cy {2}G4\.8 {2}privileged on both dcc-live and dcc-other/);
  });

  it("exits 2 naming the file, line and key path of bad input", async () => {
    // people.md: `to` on or after `from`, as G2.24(b) periods need.
    const { code, out, err } = await secg("independence", "check", fixture("reversed-dates.yaml"), "--json");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      `secg: ${fixture("reversed-dates.yaml")}:9 at people[0].engagements[0].to: expected a date on or after from (2024-05-01)\n`,
    );
  });

  it("exits 2 for an --on that is not a date", async () => {
    // Ongoing engagements are judged at a real date.
    const { code, err } = await secg("independence", "check", fixture("clean.yaml"), "--on", "2024-02-30");
    expect(code).toBe(2);
    expect(err).toBe('secg: at --on: expected a real calendar date written YYYY-MM-DD (got "2024-02-30")\n');
  });
});

describe("secg people check", () => {
  it("exits 1 with the G4 findings of the register, in the one findings shape", async () => {
    // G4.1(b): alice last reviewed 2024-11-30; G4.2-G4.3(a): bob could affect supply, unscreened.
    const { code, out } = await secg(
      "people",
      "check",
      fixture("register.yaml"),
      "--on",
      "2026-01-10",
      "--json",
    );
    expect(code).toBe(1);
    expect(JSON.parse(out)).toEqual({
      findings: [
        {
          person: "alice",
          clause: "G4.1(b)",
          severity: "error",
          detail: "clearance review overdue: last reviewed 2024-11-30, so a review was due by 2025-11-30",
        },
        { person: "bob", clause: "G4.3(a)", severity: "error", detail: expect.stringContaining("BS 7858") },
      ],
    });
  });

  it("includes the independence violations and exits 0 on a clean register", async () => {
    // G2.22B(c), G3.13(b), G2.24(b) from the contract example; nothing in clean.yaml.
    const example = await secg(
      "people",
      "check",
      fixture("contract-example.yaml"),
      "--on",
      "2025-01-01",
      "--json",
    );
    expect(JSON.parse(example.out).findings.map((f: { clause: string }) => f.clause)).toEqual([
      "G2.22B(c)",
      "G3.13(b)",
      "G2.24(b)",
    ]);
    const clean = await secg("people", "check", fixture("clean.yaml"), "--on", "2024-06-01");
    expect(clean.code).toBe(0);
    expect(clean.out).toBe("no findings on 2024-06-01\n");
  });

  it("exits 2 naming the key path of a bad field", async () => {
    const { code, err } = await secg("people", "check", fixture("reversed-dates.yaml"), "--on", "2025-01-01");
    expect(code).toBe(2);
    expect(err).toContain("reversed-dates.yaml");
  });
});
