import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/assurance/${name}`, import.meta.url));
const shared = fixture("shared");

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function planJson(...argv: string[]) {
  const { code, out, err } = await cli("assurance", "plan", ...argv, "--json");
  expect({ code, err }).toEqual({ code: 0, err: "" });
  return JSON.parse(out) as {
    party: string;
    next: { category: string; due: string | null; clause: string; because: string }[];
    because: string[];
  };
}

// The CLI contract: `secg assurance plan PROFILE [--profiles DIR] [--count N] --json`.
describe("secg assurance plan", () => {
  it("answers with party and the next three assessments, each with category, due and clause", async () => {
    // G8.41(c) through G8.43: acme with beta's premises is a large supplier.
    const plan = await planJson(`${shared}/acme.yaml`, "--profiles", shared);
    expect(plan.party).toBe("acme");
    expect(plan.next.map(({ category, due, clause }) => ({ category, due, clause }))).toEqual([
      { category: "full", due: "2025-05-02", clause: "G8.41" },
      { category: "full", due: "2026-05-02", clause: "G8.41" },
      { category: "full", due: "2027-05-02", clause: "G8.41" },
    ]);
    expect(plan.because.join("\n")).toContain("(5N)+D = 270,000 > 250,000");
  });

  it("plans a Shared Resource Provider on the cycles of the Users it serves", async () => {
    // G8.63(a): acme's 120,000 + 5 × 8,000 = 160,000, so G8.42; G8.63(b): 260,000 > 250,000, so G8.44.
    const plan = await planJson(`${shared}/srp-one.yaml`, "--profiles", shared, "--count", "4");
    expect(plan.next.map((a) => `${a.due} ${a.category} ${a.clause}`)).toEqual([
      "2023-06-30 verification G8.42(c)",
      "2024-06-30 verification G8.44(a)",
      "2025-06-30 full G8.44(b)",
      "2026-06-30 verification G8.42(c)",
    ]);
  });

  it("adds the premises of network parties served by the same provider", async () => {
    // G8.46: 200,000 + 60,000 = 260,000 > 250,000.
    const north = await planJson(`${shared}/grid-north.yaml`, "--profiles", shared, "--count", "1");
    expect(north.next.map((a) => a.clause)).toEqual(["G8.44(c)"]);
    const south = await planJson(`${shared}/grid-south.yaml`, "--profiles", shared, "--count", "2");
    expect(south.next.map((a) => `${a.due} ${a.category} ${a.clause}`)).toEqual([
      "2025-03-15 verification G8.44(a)",
      "2026-03-15 full G8.44(b)",
    ]);
  });

  it("gives a party without its initial Full the contract's undated answer", async () => {
    // G8.33
    const plan = await planJson(fixture("newcomer.json"));
    expect(plan.next.map(({ category, due, clause }) => ({ category, due, clause }))).toEqual([
      { category: "full", due: null, clause: "G8.33" },
    ]);
  });

  it("prints the same plan for people without --json", async () => {
    const { code, out } = await cli(
      "assurance",
      "plan",
      `${shared}/grid-north.yaml`,
      "--profiles",
      shared,
      "--count",
      "1",
    );
    expect(code).toBe(0);
    expect(out).toContain("2024-03-31  verification  G8.44(c)");
    expect(out).toContain("grid-south's 60,000 domestic (G8.46)");
  });

  it.each([
    [
      [fixture("verification-before-initial.yaml")],
      "verification-before-initial.yaml at assurance[1].category: expected full or follow-up before the initial Full",
    ],
    [[`${shared}/acme.yaml`], 'at sharedResources: expected a profile for party "srp-one" in --profiles'],
    [[`${shared}/beta.yaml`, "--count", "0"], 'at --count: expected a whole number from 1 to 1000 (got "0")'],
    [[`${shared}/beta.yaml`, "--count", "three"], "at --count: expected a whole number from 1 to 1000"],
    [[fixture("missing.yaml")], "missing.yaml: expected a readable file"],
  ])("exits 2 with a one-line message for %j", async (args, message) => {
    const { code, out, err } = await cli("assurance", "plan", ...args, "--json");
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
