import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { codeGroup } from "../../src/cli/code-commands.js";
import { seedFiles, sharedPath } from "../support/shared.js";
import { cli, fixturePath } from "./support.js";

const custodyText = fixturePath("custody.txt");
const custodyMarkdown = fixturePath("custody.md");
const amended = fixturePath("custody-amended.md");

describe("secg code clauses", () => {
  it("prints every clause as {id, heading, text} JSON (G14.1–G14.9)", async () => {
    const { code, out, err } = await cli("code", "clauses", custodyText, "--json");
    expect(code).toBe(0);
    expect(err).toBe("");
    const parsed = JSON.parse(out) as { clauses: { id: string; heading: string; text: string }[] };
    expect(parsed.clauses).toHaveLength(9);
    expect(parsed.clauses[0]).toMatchObject({ id: "G14.1", heading: "Custody of Keys" });
    expect(parsed.clauses[0]?.text).toMatch(/^The Operator shall keep a register/);
  });

  it("prints parse problems as file:line warnings on stderr without failing (G14.1 lost label)", async () => {
    const { code, err } = await cli("code", "clauses", custodyMarkdown, "--json");
    expect(code).toBe(0);
    expect(err).toBe(
      `${custodyMarkdown}:9: warning: paragraph label missing; read as (b) from its neighbours\n`,
    );
  });

  it("prints clauses readably without --json", async () => {
    const { code, out } = await cli("code", "clauses", custodyText);
    expect(code).toBe(0);
    expect(out).toContain("G14.6  [Review of the Register]\n    Not used.\n");
    expect(out.trimEnd().endsWith("9 clauses")).toBe(true);
  });

  it.each([
    ["empty.txt", ":1: expected a SEC section document (the input is empty)"],
    ["not-a-section.md", ":1: expected a SEC section document: numbered clauses such as G2.1 (found none)"],
    ["duplicate.txt", ":7: expected each clause number once (G14.2 appears again; first at line 5)"],
    ["binary.bin", ": expected a text file (found binary content)"],
  ])("rejects %s with exit 2 and a file:line message", async (name, message) => {
    const { code, out, err } = await cli("code", "clauses", fixturePath(name), "--json");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(`secg: ${fixturePath(name)}${message}\n`);
  });

  it("rejects a missing file with exit 2", async () => {
    const { code, err } = await cli("code", "clauses", fixturePath("no-such-file.txt"));
    expect(code).toBe(2);
    expect(err).toMatch(/no-such-file\.txt: expected a readable file \(it does not exist\)/);
  });
});

describe("secg code diff", () => {
  it("finds no change between two layouts of the same clauses", async () => {
    const { code, out } = await cli("code", "diff", custodyText, custodyMarkdown, "--json");
    expect(code).toBe(0);
    const diff = JSON.parse(out);
    expect(diff).toEqual({ added: [], removed: [], changed: [], unchanged: diff.unchanged });
    expect(diff.unchanged).toHaveLength(9);
  });

  it("reports added, removed and changed ids (fixture G14 amended)", async () => {
    const { out } = await cli("code", "diff", custodyMarkdown, amended, "--json");
    expect(JSON.parse(out)).toMatchObject({
      added: ["G14.4A", "G14.10"],
      removed: ["G14.7"],
      changed: ["G14.2", "G14.5"],
    });
  });

  it("restricts the comparison to one part with --part", async () => {
    const { out } = await cli("code", "diff", custodyMarkdown, amended, "--part", "G3", "--json");
    expect(JSON.parse(out)).toEqual({ added: [], removed: [], changed: [], unchanged: [] });
  });

  it("prints a word-level redline of one clause with --clause (G14.2)", async () => {
    const { code, out } = await cli("code", "diff", custodyMarkdown, amended, "--clause", "G14.2");
    expect(code).toBe(0);
    expect(out).toContain(
      "G14.2 changed\nWhere a key is destroyed within [-one hour-]{+ten minutes+} of its creation",
    );
    const json = JSON.parse(
      (await cli("code", "diff", custodyMarkdown, amended, "--clause", "G14.4A", "--json")).out,
    );
    expect(json).toEqual({
      id: "G14.4A",
      status: "added",
      redline: [
        { op: "insert", text: "The Operator shall test each vault against those criteria once a year." },
      ],
    });
  });

  it("prints the summary readably without --json", async () => {
    const { out } = await cli("code", "diff", custodyMarkdown, amended);
    expect(out).toContain(
      "added (2): G14.4A G14.10\nremoved (1): G14.7\nchanged (2): G14.2 G14.5\nunchanged: 6 clauses\n",
    );
  });

  it.each([
    [["--part", "2"], 'at --part: expected a part such as G2 (got "2")'],
    [["--clause", "G99.1"], "at --clause: expected a clause of OLD or NEW (G99.1 is in neither)"],
    [["--clause", "banana"], 'at --clause: expected a clause id such as G2.13 (got "banana")'],
  ])("rejects bad options %j with exit 2", async (options, message) => {
    const { code, err } = await cli("code", "diff", custodyMarkdown, amended, ...options);
    expect(code).toBe(2);
    expect(err.split("\n").at(-2)).toBe(`secg: ${message}`);
  });

  it("names the file and line of a bad NEW document", async () => {
    const { code, err } = await cli("code", "diff", custodyMarkdown, fixturePath("duplicate.md"), "--json");
    expect(code).toBe(2);
    expect(err).toBe(
      `secg: ${fixturePath("duplicate.md")}:5: expected each clause number once (G14.1 appears again; first at line 3)\n`,
    );
  });

  const draft = sharedPath(seedFiles.g2Draft2020);
  const whole = sharedPath(seedFiles.sectionG);
  it.skipIf(!draft || !whole)(
    "compares seeds 000 and 001 on part G2 (G2.22A–I, G2.44B, G2.48–61 added)",
    async () => {
      const { code, out } = await cli("code", "diff", draft!, whole!, "--part", "G2", "--json");
      expect(code).toBe(0);
      const diff = JSON.parse(out);
      expect(diff.added).toHaveLength(24);
      expect(diff.removed).toEqual([]);
      expect(diff.changed).toHaveLength(9);
    },
  );
});

describe("secg code redline", () => {
  it("prints before and after clauses and definitions in the contract's shape (fixture G14.2, G14.7)", async () => {
    const { code, out } = await cli("code", "redline", fixturePath("redline.txt"), "--json");
    expect(code).toBe(0);
    const { before, after } = JSON.parse(out);
    expect(Object.keys(before)).toEqual(["clauses", "definitions"]);
    expect(before.clauses.map((c: { id: string }) => c.id)).toEqual(["G14.2", "G14.7"]);
    expect(after.clauses.map((c: { id: string }) => c.id)).toEqual(["G14.2", "G14.7", "G14.7A", "G14.7B"]);
    expect(after.clauses[1].text).toBe(
      "Each custodian shall: (a) hold no more than one key for any single vault; (b) carry an identity card issued by the Operator; (c) report a lost card within one day; and (d) attend training each year.",
    );
    expect(before.clauses[1].text).toBe(
      "Each custodian shall: (a) hold no more than one key for any single vault; (b) report a lost card within one day; and (c) attend training each year.",
    );
    expect(before.definitions).toEqual([
      { term: "Vault", text: "means a tamper-evident device for storing keys." },
    ]);
    expect(after.definitions.map((d: { term: string }) => d.term)).toEqual(["Custodian", "Vault"]);
  });

  it("prints each clause's redline and the definition changes without --json", async () => {
    const { out, err } = await cli("code", "redline", fixturePath("redline.txt"));
    expect(out).toContain("G14.2 changed\n    Where a key is destroyed within [-one hour-]{+ten minutes+}");
    expect(out).toContain("G14.7A added\n");
    expect(out).toContain("definitions:\n  Custodian: added\n  Vault: changed\n");
    expect(err).toContain(
      "redline.txt:11: warning: struck labels (b)(c): read as (b) before and (c) after\n",
    );
  });
});

describe("the code command group", () => {
  it("is created once and found again by codeGroup", () => {
    const program = new Command("secg");
    const group = codeGroup(program);
    expect(codeGroup(program)).toBe(group);
    expect(program.commands.filter((c) => c.name() === "code")).toHaveLength(1);
  });
});
