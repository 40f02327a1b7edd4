import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { repoRoot } from "../../support/shared.js";
import { embedded, type Provisioned } from "../backends.js";

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe("secg register and secg evidence", () => {
  let provisioned: Provisioned;
  let folder: string;
  let data: string;
  const at = (...argv: string[]) => secg(...argv, "--party", "srp-one", "--data", data);

  beforeAll(async () => {
    provisioned = await embedded.provision();
    data = provisioned.options.dataDir!;
    folder = await mkdtemp(join(tmpdir(), "secg-register-cli-"));
    await secg("party", "import", join(repoRoot, "test/fixtures/profiles/srp-one.yaml"), "--data", data);
  });
  afterAll(async () => {
    await provisioned.dispose();
    await rm(folder, { recursive: true, force: true });
  });

  it("imports a systems CSV, refuses a bad one whole with exit 2, and exports it back", async () => {
    // G3.9: systems and their lifecycle dates, kept in the register.
    const csv = join(folder, "systems.csv");
    await writeFile(
      csv,
      "id,name,kind,status,authorisedOn\ncrm,CRM,user-system,planned,\nhes,Head end,user-system,authorised,2025-01-01\n",
    );
    const imported = await at("register", "import", "systems", csv, "--json");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toEqual({ created: 2, updated: 0, unchanged: 0 });

    const bad = join(folder, "bad.csv");
    await writeFile(bad, "id,name,kind,status\nx,X,mainframe,planned\ny,Y,user-system,operational\n");
    const refused = await at("register", "import", "systems", bad);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/bad\.csv:2 at kind: expected one of/);
    expect(refused.err).toMatch(/bad\.csv:3 at authorisedOn: expected the date/);

    const out = join(folder, "export.csv");
    expect((await at("register", "export", "systems", "--out", out)).code).toBe(0);
    expect(await readFile(out, "utf8")).toMatch(/^id,name,kind,owner,description,status,/);
    expect(JSON.parse((await at("register", "import", "systems", out, "--json")).out)).toMatchObject({
      unchanged: 2,
    });

    const moved = await at(
      "register",
      "transition",
      "systems",
      "hes",
      "--to",
      "operational",
      "--on",
      "2025-02-01",
    );
    expect(moved).toMatchObject({ code: 0, out: "hes: Head end is now operational\n" });
    expect(JSON.parse((await at("register", "show", "systems", "hes")).out)).toMatchObject({
      operationalOn: "2025-02-01",
    });
  });

  it("adds evidence from a file with the SHA-256 it computes", async () => {
    const file = join(folder, "policy.txt");
    await writeFile(file, "information security policy v3");
    const added = await at(
      "evidence",
      "add",
      "--id",
      "isp-3",
      "--file",
      file,
      "--obligation",
      "G5.1",
      "G3.1",
      "--method",
      "examine",
      "--collected",
      "2025-03-01",
      "--json",
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out).record).toMatchObject({
      kind: "file",
      title: "policy.txt",
      obligations: ["G5.1", "G3.1"],
      file: { mediaType: "text/plain", size: 30 },
    });
    const both = await at(
      "evidence",
      "add",
      "--id",
      "x",
      "--url",
      "https://example.org",
      "--file",
      file,
      "--obligation",
      "G3.1",
      "--method",
      "test",
    );
    expect(both.code).toBe(2);
    expect((await at("register", "delete", "evidence", "isp-3")).code).toBe(0);

    // Without --id the id comes from the file and date, and never replaces other evidence.
    const args = [
      "evidence",
      "add",
      "--file",
      file,
      "--obligation",
      "G3.1",
      "--method",
      "test",
      "--collected",
      "2025-03-02",
    ];
    expect(JSON.parse((await at(...args, "--json")).out).record.id).toBe("policy-2025-03-02");
    const again = await at(...args);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/evidence policy-2025-03-02 exists/);
  });
});
