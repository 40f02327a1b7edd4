import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { repoRoot } from "../support/shared.js";

/**
 * `secg obligations` end to end (../shared/contracts/cli.md, "Obligations"). The golden answers in
 * test/fixtures/profiles/expected were generated once and reviewed clause by clause; after a deliberate
 * catalogue change, regenerate them with UPDATE_GOLDEN=1 and review the diff.
 */
const dir = join(repoRoot, "test/fixtures/profiles");
const profiles = readdirSync(dir)
  .filter((n) => n.endsWith(".yaml"))
  .sort();

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("golden answers for every kind of party", () => {
  it("covers the kinds of party the rules distinguish", () => {
    expect(profiles).toEqual([
      "dcc.yaml",
      "export-only-supplier.yaml",
      "large-supplier.yaml",
      "network-party.yaml",
      "newcomer.yaml",
      "other-user.yaml",
      "registered-supplier-agent.yaml",
      "small-supplier.yaml",
      "srp-one.yaml",
      "srp-other-user.yaml",
      "srp-supplier.yaml",
      "triage-facility.yaml",
    ]);
  });

  it.each(profiles)("G1.5–G1.7, G10.5, G12.5: %s", async (name) => {
    const { code, out, err } = await cli(
      "obligations",
      join(dir, name),
      "--profiles",
      dir,
      "--on",
      "2026-01-01",
      "--json",
    );
    expect(err).toBe("");
    expect(code).toBe(0);
    const expectedFile = join(dir, "expected", name.replace(/\.yaml$/, ".expected.json"));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, out);
    expect(JSON.parse(out)).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  });
});

describe("secg obligations", () => {
  it("G1.5: prints duties on the party, then each role, each with a reason", async () => {
    const { code, out } = await cli("obligations", join(dir, "large-supplier.yaml"), "--on", "2026-01-01");
    expect(code).toBe(0);
    expect(out).toContain(
      "large-supplier on 2026-01-01, under Code version sec-current (in force from 2024-11-01, date assumed)",
    );
    expect(out).toMatch(/Duties on the party as such \(\d+\)\n {2}G3\.7 +Have a CREST/);
    expect(out).toContain("why: G3.7: binds it as a Supplier Party");
    expect(out).toContain(
      "As export-supplier (14): G1.7: as Export Supplier it owes only the User duties G1.7 lists",
    );
    expect(out.indexOf("As import-supplier")).toBeLessThan(out.indexOf("As gas-supplier"));
  });

  it("defaults the date to today and says which version that falls under", async () => {
    const { code, out } = await cli("obligations", join(dir, "dcc.yaml"), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out).on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("needs the profiles of the parties a profile refers to", async () => {
    const { code, err } = await cli("obligations", join(dir, "srp-supplier.yaml"), "--on", "2026-01-01");
    expect(code).toBe(2);
    expect(err).toContain('at sharedResources: expected a profile for party "srp-one"');
  });
});

describe("bad input exits 2 with the place and what was expected", () => {
  const tmp = mkdtempSync(join(tmpdir(), "secg-obligations-"));

  async function withProfile(text: string, ...extra: string[]) {
    const file = join(tmp, "p.yaml");
    writeFileSync(file, text);
    return { file, ...(await cli("obligations", file, "--on", "2026-01-01", ...extra)) };
  }

  it("an unknown key, with its line and key path", async () => {
    const { code, err, file } = await withProfile(
      "id: a\nname: A\nroles:\n  - role: other-user\n    userId: []\n",
    );
    expect(code).toBe(2);
    expect(err).toBe(
      `secg: ${file}:5 at roles[0].userId: expected no such key (unknown keys are refused so that a typo never changes the result)\n`,
    );
  });

  it("a role that does not exist", async () => {
    const { code, err } = await withProfile("id: a\nname: A\nroles:\n  - role: importer\n");
    expect(code).toBe(2);
    expect(err).toMatch(/p\.yaml:4 at roles\[0\]\.role: expected one of "import-supplier"/);
  });

  it("an impossible date in the profile", async () => {
    const { code, err } = await withProfile(
      "id: a\nname: A\nassurance:\n  - { category: full, completed: 2023-02-30 }\n",
    );
    expect(code).toBe(2);
    expect(err).toMatch(/p\.yaml:4 at assurance\[0\]\.completed: expected a real calendar date/);
  });

  it("the DCC given User Roles", async () => {
    const { code, err } = await withProfile("id: dcc\nname: DCC\nkind: dcc\nroles:\n  - role: other-user\n");
    expect(code).toBe(2);
    expect(err).toMatch(/at roles\[0\]: expected no User Roles for the DCC/);
  });

  it.each([
    ["2026-13-01", 'at --on: expected a real calendar date YYYY-MM-DD (got "2026-13-01")'],
    ["yesterday", 'at --on: expected a real calendar date YYYY-MM-DD (got "yesterday")'],
    ["2019-01-01", "at --on: expected a date on or after 2019-11-01"],
  ])("a bad --on date %s", async (on, message) => {
    const { code, err } = await cli("obligations", join(dir, "dcc.yaml"), "--on", on);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it("a missing profile file", async () => {
    const { code, err } = await cli("obligations", join(dir, "nobody.yaml"));
    expect(code).toBe(2);
    expect(err).toContain("nobody.yaml: expected a readable file (it does not exist)");
  });
});
