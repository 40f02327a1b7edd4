import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { embedded, type Provisioned } from "./backends.js";
import { sectionText, v2020, v2022 } from "./sections.js";

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe("secg code import|show|versions|effects", () => {
  let provisioned: Provisioned;
  let folder: string;
  let data: string;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    data = provisioned.options.dataDir!;
    folder = await mkdtemp(join(tmpdir(), "secg-cli-"));
    await writeFile(join(folder, "g-2020.md"), sectionText(v2020));
    await writeFile(join(folder, "g-2022.md"), sectionText(v2022));
  });
  afterAll(async () => {
    await provisioned.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it("imports versions, and a second import of the same text changes nothing", async () => {
    const first = await secg(
      "code",
      "import",
      join(folder, "g-2020.md"),
      "--label",
      "G-2020",
      "--in-force",
      "2020-03-31",
      "--data",
      data,
      "--json",
    );
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      created: true,
      version: {
        label: "G-2020",
        inForce: "2020-03-31",
        madeBy: null,
        clauseCount: 5,
        sourceName: "g-2020.md",
      },
    });
    const second = await secg(
      "code",
      "import",
      join(folder, "g-2022.md"),
      "--label",
      "G-2022",
      "--in-force",
      "2022-11-03",
      "--made-by",
      "DP087",
      "--data",
      data,
    );
    expect(second).toMatchObject({ code: 0, err: "" });
    expect(second.out).toBe(
      "Stored G-2022: in force from 2022-11-03, made by DP087, 6 clauses (g-2022.md)\n",
    );
    const again = await secg(
      "code",
      "import",
      join(folder, "g-2020.md"),
      "--label",
      "G-2020",
      "--in-force",
      "2020-03-31",
      "--data",
      data,
    );
    expect(again.out).toMatch(/^Already stored, nothing changed: G-2020/);
  });

  it("refuses bad input with exit 2 and a message naming the option", async () => {
    const badDate = await secg(
      "code",
      "import",
      join(folder, "g-2020.md"),
      "--label",
      "X",
      "--in-force",
      "31/03/2020",
      "--data",
      data,
    );
    expect(badDate).toMatchObject({ code: 2, out: "" });
    expect(badDate.err).toMatch(/^secg: at --in-force: expected a real calendar date written YYYY-MM-DD/);
    const relabel = await secg(
      "code",
      "import",
      join(folder, "g-2022.md"),
      "--label",
      "G-2020",
      "--in-force",
      "2020-03-31",
      "--data",
      data,
    );
    expect(relabel.code).toBe(2);
    expect(relabel.err).toMatch(/^secg: at --label: expected a label not already used for a different text/);
    const missing = await secg(
      "code",
      "import",
      join(folder, "nope.md"),
      "--label",
      "X",
      "--in-force",
      "2020-01-01",
      "--data",
      data,
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.md: expected a readable file/);
    const badOn = await secg("code", "show", "G3.20", "--on", "tomorrow", "--data", data);
    expect(badOn.code).toBe(2);
    expect(badOn.err).toMatch(/^secg: at --on: expected a real calendar date/);
    const badId = await secg("code", "show", "3.20", "--data", data);
    expect(badId.err).toMatch(/^secg: at <clause>: expected a clause id such as G3.20/);
    const badFrom = await secg("code", "effects", "--from", "G-1999", "--data", data);
    expect(badFrom.code).toBe(2);
    expect(badFrom.err).toMatch(/^secg: at --from: expected the label of a stored version/);
  });

  it("shows a clause as it stood on a date, and exits 1 when there was none", async () => {
    // G3.20: before and after the DP087 correction.
    const before = await secg("code", "show", "G3.20", "--on", "2022-11-02", "--data", data, "--json");
    expect(JSON.parse(before.out)).toMatchObject({
      version: { label: "G-2020", inForce: "2020-03-31" },
      clause: { id: "G3.20", text: v2020["G3.20"] },
    });
    const after = await secg("code", "show", "G3.20", "--on", "2022-11-03", "--data", data);
    expect(after.out).toBe(`G3.20: version G-2022, in force from 2022-11-03\n\n${v2022["G3.20"]}\n`);
    const tooEarly = await secg("code", "show", "G3.20", "--on", "2019-12-31", "--data", data);
    expect(tooEarly).toEqual({
      code: 1,
      out: "",
      err: "secg: no stored version of the Code was in force on 2019-12-31\n",
    });
    const absent = await secg("code", "show", "G2.4", "--on", "2021-01-01", "--data", data);
    expect(absent).toMatchObject({
      code: 1,
      err: "secg: G2.4 is not in G-2020, the version in force on 2021-01-01\n",
    });
  });

  it("lists versions and the effects register", async () => {
    const versions = await secg("code", "versions", "--data", data, "--json");
    expect(JSON.parse(versions.out).versions.map((version: { label: string }) => version.label)).toEqual([
      "G-2020",
      "G-2022",
    ]);
    const readable = await secg("code", "versions", "--data", data);
    expect(readable.out.split("\n")[0]).toBe("G-2020: in force from 2020-03-31, 5 clauses (g-2020.md)");
    const effects = await secg("code", "effects", "--to", "G-2022", "--data", data, "--json");
    expect(JSON.parse(effects.out).effects).toContainEqual({
      from: "G-2020",
      to: "G-2022",
      clauseId: "G3.20",
      kind: "substituted",
      madeBy: "DP087",
    });
    const lines = (await secg("code", "effects", "--data", data)).out;
    expect(lines).toContain("G-2022 by DP087: G3.20 substituted (since G-2020)\n");
    expect((await secg("code", "effects", "--from", "G-2022", "--data", data)).out).toBe(
      "No effects recorded in that range.\n",
    );
  });

  it("diffs stored versions by label, or a file against a stored version", async () => {
    const byLabel = await secg("code", "diff", "G-2020", "G-2022", "--data", data, "--json");
    expect(byLabel.code).toBe(0);
    const diff = JSON.parse(byLabel.out);
    // DP087 substituted G3.20 between the two versions.
    expect(diff.changed).toContain("G3.20");
    const mixed = await secg("code", "diff", join(folder, "g-2020.md"), "G-2022", "--data", data, "--json");
    expect(JSON.parse(mixed.out)).toEqual(diff);
    const redline = await secg(
      "code",
      "diff",
      "G-2020",
      "G-2022",
      "--clause",
      "G3.20",
      "--data",
      data,
      "--json",
    );
    expect(JSON.parse(redline.out).status).toBe("changed");
  });

  it("refuses a reference that is neither a file nor a stored label, and never creates a workspace to look", async () => {
    const unknown = await secg("code", "diff", "G-2020", "G-1999", "--data", data);
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.err).toMatch(
      /^secg: at G-1999: expected a document file or the label of a stored version/,
    );
    const nowhere = join(folder, "no-workspace");
    const missing = await secg("code", "diff", "G-2020", "G-2022", "--data", nowhere);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toMatch(/^secg: at --data: expected a workspace folder/);
    await expect(access(nowhere)).rejects.toThrow();
  });
});
