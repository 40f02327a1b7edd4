import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runCli } from "../../../src/cli/program.js";
import { partiesOf } from "../../../src/workspace/parties.js";
import { openStore } from "../../../src/workspace/store.js";
import { report, response } from "../../obligations/workflows/run.js";
import { embedded, type Provisioned } from "../backends.js";
import { profiles } from "./profiles.js";

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("secg assessment", () => {
  let provisioned: Provisioned;
  let data: string;
  beforeEach(async () => {
    provisioned = await embedded.provision();
    data = provisioned.options.dataDir!;
    const store = await openStore(provisioned.options);
    await partiesOf(store.db, store.clock).putAll(profiles, { actor: "test" });
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  it("creates, moves, shows and prints an assessment, acting in the role named with --as", async () => {
    const created = await cli(
      "assessment",
      "create",
      "--party",
      "acme",
      "--kind",
      "user",
      "--category",
      "full",
      "--as",
      "security-officer",
      "--data",
      data,
      "--json",
    );
    expect(created.err).toBe("");
    const id = (JSON.parse(created.out) as { id: string }).id;
    const step = async (name: string, version: number, role: string, payload?: unknown) => {
      const args = [
        "assessment",
        "transition",
        id,
        name,
        "--party",
        "acme",
        "--at-version",
        String(version),
        "--as",
        role,
        "--data",
        data,
      ];
      if (payload !== undefined) {
        const file = join(data, `${name}.yaml`);
        await writeFile(file, stringify(payload));
        args.push("--payload", file);
      }
      return cli(...args);
    };
    expect((await step("start-fieldwork", 1, "auditor")).code).toBe(0);
    // G8.22: only the assessor reports; acting as owner is refused with exit 2.
    const refused = await step("submit-report", 2, "owner", report);
    expect(refused).toMatchObject({
      code: 2,
      err: expect.stringContaining("at --as: expected submit-report may be made only as auditor"),
    });
    expect((await step("submit-report", 2, "auditor", report)).code).toBe(0);
    expect((await step("submit-report", 2, "auditor", report)).err).toContain("at --at-version");
    expect((await step("submit-response", 3, "owner", response)).code).toBe(0);

    const shown = await cli("assessment", "show", id, "--party", "acme", "--data", data);
    expect(shown.out).toMatch(
      /v4 \d{4}-\d{2}-\d{2} submit-response → responded \(G8\.26; cli:\S+ as owner\)/,
    );
    expect(shown.out).toContain("accept-response (G8.27(a); ssc)");
    expect((await cli("assessment", "list", "--party", "acme", "--data", data)).out).toContain(
      `${id}  user/full  responded  v4`,
    );

    const md = join(data, "response.md");
    expect(
      (await cli("assessment", "response", id, "--party", "acme", "--out", md, "--data", data)).code,
    ).toBe(0);
    expect(await readFile(md, "utf8")).toContain("# User Security Assessment Response");
    const pdf = join(data, "response.pdf");
    expect(
      (
        await cli(
          "assessment",
          "response",
          id,
          "--party",
          "acme",
          "--format",
          "pdf",
          "--out",
          pdf,
          "--data",
          data,
        )
      ).code,
    ).toBe(0);
    expect((await PDFDocument.load(await readFile(pdf))).getPageCount()).toBe(1);
  });

  it("refuses a missing role, an unknown party and an assessment not found, with exit 2", async () => {
    expect(
      (await cli("assessment", "create", "--party", "acme", "--kind", "entry", "--data", data)).err,
    ).toContain("--as <role>");
    expect(
      (
        await cli(
          "assessment",
          "create",
          "--party",
          "nope",
          "--kind",
          "entry",
          "--as",
          "owner",
          "--data",
          data,
        )
      ).err,
    ).toContain("at --party: expected no party with id nope");
    expect(await cli("assessment", "show", "wf-none", "--party", "acme", "--data", data)).toMatchObject({
      code: 2,
    });
  });
});
