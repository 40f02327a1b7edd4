import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";

const profile = (name: string) => fileURLToPath(new URL(`../../fixtures/profiles/${name}`, import.meta.url));
const facts = (name: string) => fileURLToPath(new URL(`../../fixtures/deadlines/${name}`, import.meta.url));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

type Answer = {
  party: string;
  on: string;
  deadlines: { id: string; clause: string; due: string; status: string; subject: string }[];
};

// The command: `secg deadlines PROFILE [--profiles DIR] [--facts FILE] [--on DATE] [--within DAYS] [--ics FILE] [--json]`.
describe("secg deadlines", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "secg-deadlines-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers {party, on, deadlines} and exits 1 when any is overdue", async () => {
    // G3.7(a): crm went live on 2024-02-29 with no assessment since, so one was due 2025-02-28.
    const { code, out, err } = await cli(
      "deadlines",
      profile("large-supplier.yaml"),
      "--facts",
      facts("acme-facts.yaml"),
      "--on",
      "2026-01-15",
      "--json",
    );
    expect({ code, err }).toEqual({ code: 1, err: "" });
    const answer = JSON.parse(out) as Answer;
    expect(answer.party).toBe("large-supplier");
    expect(answer.on).toBe("2026-01-15");
    expect(answer.deadlines.find((d) => d.id === "G3.7(a):crm")).toMatchObject({
      due: "2025-02-28",
      status: "overdue",
      subject: "crm",
    });
    expect(answer.deadlines.find((d) => d.id === "G3.5:inc-7")).toMatchObject({
      due: "2026-01-15T02:30:00Z",
    });
  });

  it("exits 0 when nothing is overdue, and prints a table for people", async () => {
    // G2.13, G9.3(b)(i): the DCC's fixture has nothing late on 2026-01-15.
    const { code, out } = await cli(
      "deadlines",
      profile("dcc.yaml"),
      "--facts",
      facts("dcc-facts.json"),
      "--on",
      "2026-01-15",
    );
    expect(code).toBe(0);
    expect(out).toContain("dcc on 2026-01-15");
    expect(out).toMatch(
      /2026-05-31 +upcoming +G2\.13\(a\), G2\.14\(a\) +Annual vulnerability assessment of system dsp/,
    );
  });

  it("limits to open deadlines within --within days and writes --ics", async () => {
    // G4.1(b) alice is due 2026-01-31: 16 days on.
    const ics = join(dir, "acme.ics");
    const { code, out } = await cli(
      "deadlines",
      profile("large-supplier.yaml"),
      "--facts",
      facts("acme-facts.yaml"),
      "--on",
      "2026-01-15",
      "--within",
      "16",
      "--ics",
      ics,
      "--json",
    );
    expect(code).toBe(1);
    const ids = (JSON.parse(out) as Answer).deadlines.map((d) => d.id);
    expect(ids).toContain("G4.1(b):alice");
    expect(ids).not.toContain("G3.7(c):inc-7");
    expect(ids).not.toContain("G8.28(b)(i):pr-1");
    const calendar = await readFile(ics, "utf8");
    expect(calendar.match(/BEGIN:VEVENT/g)?.length).toBe(ids.length);
    expect(calendar).toContain("UID:G4.1_0028b_0029_003aalice@large-supplier.secg\r\n");
  });

  it.each([
    [["--facts", "missing.yaml"], /^secg: missing\.yaml: expected a readable file/],
    [["--on", "2026-02-30"], /^secg: at --on: expected a real calendar date/],
    [["--within", "soon"], /^secg: at --within: expected a whole number of days/],
  ])("exits 2 with one line on bad input: %j", async (args, message) => {
    const { code, err } = await cli("deadlines", profile("other-user.yaml"), ...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split("\n")).toHaveLength(1);
  });

  it("places a facts problem at its file, line and key", async () => {
    const bad = join(dir, "bad.yaml");
    await writeFile(bad, "systems:\n  - id: n\n    status: planned\n");
    const { code, err } = await cli("deadlines", profile("other-user.yaml"), "--facts", bad);
    expect(code).toBe(2);
    expect(err).toContain(`${bad}:2 at systems[0].goLive: expected a value`);
  });
});
