import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

// The CLI contract: `secg calendar add-months DATE N` and `add-working-days DATE N` print a date.
describe("secg calendar", () => {
  it("adds months by the corresponding-date rule, as text or JSON", async () => {
    expect(await cli("calendar", "add-months", "2024-01-31", "1")).toEqual({
      code: 0,
      out: "2024-02-29\n",
      err: "",
    });
    expect(JSON.parse((await cli("calendar", "add-months", "2024-02-29", "12", "--json")).out)).toEqual({
      date: "2025-02-28",
    });
    expect((await cli("calendar", "add-months", "2024-03-31", "-1")).out).toBe("2024-02-29\n");
  });

  it("adds Working Days over one-off bank holidays and configured extra ones", async () => {
    expect((await cli("calendar", "add-working-days", "2022-09-16", "1")).out).toBe("2022-09-20\n");
    expect(JSON.parse((await cli("calendar", "add-working-days", "2023-05-05", "1", "--json")).out)).toEqual({
      date: "2023-05-09",
    });
    expect((await cli("calendar", "add-working-days", "2023-05-09", "-1")).out).toBe("2023-05-05\n");
    const extra = await cli("calendar", "add-working-days", "2031-05-30", "1", "--holiday", "2031-06-02");
    expect(extra.out).toBe("2031-06-03\n");
  });

  it("lists a year's bank holidays", async () => {
    const { code, out } = await cli("calendar", "bank-holidays", "2022", "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out).holidays.map((h: { date: string }) => h.date)).toContain("2022-09-19");
  });

  it.each([
    [
      ["add-months", "2023-02-29", "1"],
      'at DATE: expected a real calendar date written YYYY-MM-DD (got "2023-02-29")',
    ],
    [["add-months", "31/01/2024", "1"], "at DATE: expected a real calendar date"],
    [
      ["add-months", "2024-01-31", "1.5"],
      'at N: expected a whole number of months, like 12 or -3 (got "1.5")',
    ],
    [["add-months", "9999-12-31", "1"], "at N: expected a date within years 0001 to 9999"],
    [["add-working-days", "2024-13-01", "1"], "at DATE: expected a real calendar date"],
    [["add-working-days", "1990-06-01", "1"], "at DATE: expected a date from 1995-01-01 on"],
    [["add-working-days", "1995-01-04", "-5"], "at N: expected a year from 1995"],
    [["add-working-days", "2024-01-02", "x"], "at N: expected a whole number of Working Days"],
    [
      ["add-working-days", "2024-01-02", "1", "--holiday", "tomorrow"],
      "at --holiday: expected a real calendar date",
    ],
    [["bank-holidays", "1980"], "at YEAR: expected a year from 1995 to 9999"],
  ])("exits 2 naming the argument for %j", async (args, message) => {
    const { code, out, err } = await cli("calendar", ...args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain(message);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
