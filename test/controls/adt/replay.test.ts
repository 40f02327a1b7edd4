import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { repoRoot } from "../../support/shared.js";

const fixtures = join(repoRoot, "test/fixtures/adt");
const thresholds = join(fixtures, "thresholds.yaml");
const scratch = mkdtempSync(join(tmpdir(), "secg-adt-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function scratchFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const id = (user: string, counter: number) =>
  `90-B3-D5-1F-30-0${user}-00-00:00-DB-12-34-56-78-90-A0:${counter}`;

describe("secg adt replay over JSON Lines", () => {
  // G6.1(d)(i)-(ii), G6.3(a), G6.6(a)-(b): the fixture exercises every outcome once or more.
  it("reports processed, warned, quarantined and deleted requests", async () => {
    const { code, out } = await cli(
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "requests.jsonl"),
      "--json",
    );
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result).toEqual({
      processed: 6,
      warned: [id("1", 3)],
      quarantined: [
        { requestId: id("1", 4), breach: "user-threshold" },
        { requestId: id("3", 5), breach: "dcc-threshold" },
        { requestId: id("1", 7), breach: "user-threshold" },
        // Counted although quarantined: request 7 is still in the ten-minute window.
        { requestId: id("1", 8), breach: "user-threshold" },
        { requestId: id("2", 10), breach: "attribute-limits" },
      ],
      deleted: [id("2", 9)],
    });
    // adt.md: every request is in exactly one of processed, quarantined, deleted.
    expect(result.processed + result.quarantined.length + result.deleted.length).toBe(12);
  });

  // adt.md: a replay of the same input gives the same output.
  it("gives the same output on every replay", async () => {
    const args = [
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "requests.jsonl"),
      "--json",
    ];
    const first = await cli(...args);
    const second = await cli(...args);
    expect(second.out).toBe(first.out);
  });

  // G6.1(a)(ii): people see what was quarantined and why, and what was deleted.
  it("prints a readable summary without --json", async () => {
    const { code, out } = await cli(
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "requests.jsonl"),
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^12 requests against 4 thresholds/);
    expect(out).toMatch(new RegExp(`${id("3", 5)}\\s+dcc-threshold`));
    expect(out).toMatch(/Deleted \(User to be notified\):/);
  });

  // G6.3(a): a long stream is read in chunks; lines split across chunks are read whole.
  it("streams files larger than one read, lines split across chunks included", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => {
      const time = new Date(Date.UTC(2025, 2, 1) + i * 1000).toISOString();
      return `{"requestId":"${id("2", i)}","srv":"4.1.1","commandVariant":1,"time":"${time}","smets1":false}`;
    });
    const file = scratchFile("long.jsonl", lines.join("\n"));
    const { code, out } = await cli("adt", "replay", "--thresholds", thresholds, "--input", file, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out).processed).toBe(3000);
  });

  // adt.md: a bad line is reported with its file and line number, exit 2.
  it("names the file and line of a bad request", async () => {
    const good = `{"requestId":"${id("1", 1)}","srv":"7.2","commandVariant":5,"time":"2025-03-01T10:00:00Z"}`;
    const lines = [good, "", good.replace('1"', '2"'), good.replace("2025-03-01T10:00:00Z", "yesterday")];
    const file = scratchFile("requests.jsonl", `${lines.join("\n")}\n`);
    const { code, err } = await cli("adt", "replay", "--thresholds", thresholds, "--input", file, "--json");
    expect(code).toBe(2);
    expect(err).toBe(
      `secg: ${file}:4: expected "time" as an ISO-8601 UTC timestamp like 2025-03-01T10:00:00Z, found "yesterday"\n`,
    );
  });

  // adt.md: requests are decided in time order, so an earlier time after a later one is refused.
  it("refuses requests out of time order, naming the line", async () => {
    const line = (t: string, n: number) =>
      `{"requestId":"${id("1", n)}","srv":"7.2","commandVariant":5,"time":"2025-03-01T10:00:${t}Z"}`;
    const file = scratchFile("unordered.jsonl", [line("05", 1), line("05", 2), line("04", 3)].join("\r\n"));
    const { code, err } = await cli("adt", "replay", "--thresholds", thresholds, "--input", file);
    expect(code).toBe(2);
    expect(err).toMatch(/unordered\.jsonl:3: expected "time" no earlier than the previous request's/);
  });

  // G6.3: a bad thresholds file is refused with its key path before any request is read.
  it("reports thresholds errors with their key path", async () => {
    const file = scratchFile(
      "bad-thresholds.yaml",
      'thresholds:\n  - { scope: dcc, srv: "7.2", measure: all, quarantine: 1, period: 1 day }\n',
    );
    const { code, err } = await cli(
      "adt",
      "replay",
      "--thresholds",
      file,
      "--input",
      join(fixtures, "requests.jsonl"),
    );
    expect(code).toBe(2);
    expect(err).toMatch(
      /bad-thresholds\.yaml:2 at thresholds\[0\]\.period: expected an ISO-8601 duration like PT24H/,
    );
  });

  // adt.md, cli.md: bad input of any kind is exit 2 with a one-line message, never a stack trace.
  it("exits 2 on a missing input, a bad --start or a bad --encrypted-srvs", async () => {
    const base = ["adt", "replay", "--thresholds", thresholds];
    expect((await cli(...base, "--input", join(scratch, "absent.jsonl"))).code).toBe(2);
    expect((await cli(...base, "--input", join(fixtures, "duis"), "--start", "2025-01-01")).err).toMatch(
      /--start/,
    );
    expect(
      (await cli(...base, "--input", join(fixtures, "requests.jsonl"), "--start", "2025-01-01T00:00:00Z"))
        .code,
    ).toBe(2);
    expect(
      (await cli(...base, "--input", join(fixtures, "requests.jsonl"), "--encrypted-srvs", "4.1.1,9.9")).code,
    ).toBe(2);
    expect((await cli("adt", "replay", "--input", join(fixtures, "requests.jsonl"))).code).toBe(2);
  });

  // G6.3(a)(ii): the encrypted-response list can be replaced; a threshold on an SRV outside it is refused.
  it("takes the encrypted-response SRVs from --encrypted-srvs", async () => {
    const { code, err } = await cli(
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "requests.jsonl"),
      "--encrypted-srvs",
      "4.3",
    );
    expect(code).toBe(2);
    expect(err).toMatch(
      /thresholds\[2\]\.measure: expected critical or all: responses to SRV 4\.1\.1 are not encrypted/,
    );
  });
});

describe("secg adt serve --encrypted-srvs", () => {
  // G6.3(a)(ii): the live service takes the same encrypted-response list as replay, checked before
  // it opens the workspace or reaches NATS.
  it("refuses an unknown SRV, and a thresholds file the list makes wrong, with exit 2", async () => {
    const unknown = await cli("adt", "serve", "--thresholds", thresholds, "--encrypted-srvs", "4.1.1,9.9");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(
      /--encrypted-srvs: expected SRVs from the DUIS catalogue separated by commas, found "9\.9"/,
    );
    const narrowed = await cli("adt", "serve", "--thresholds", thresholds, "--encrypted-srvs", "4.3");
    expect(narrowed.code).toBe(2);
    expect(narrowed.err).toMatch(/responses to SRV 4\.1\.1 are not encrypted/);
  });
});

describe("secg adt refused --user", () => {
  // Checked before NATS is reached.
  it("refuses a User ID that is not an EUI-64 with exit 2", async () => {
    const { code, err } = await cli("adt", "refused", "--user", "90B3D51F30010000");
    expect(code).toBe(2);
    expect(err).toContain(
      '--user: expected a User ID like 90-B3-D5-1F-30-01-00-00, found "90B3D51F30010000"',
    );
  });
});

describe("secg adt publish --per-message", () => {
  // Checked before the file is read or NATS is reached, so a typo costs nothing.
  it("refuses a count outside 1 to 10,000 with exit 2", async () => {
    for (const count of ["0", "10001", "2.5", "many"]) {
      const { code, err } = await cli("adt", "publish", "--input", "none.jsonl", "--per-message", count);
      expect(code).toBe(2);
      expect(err).toContain(`--per-message: expected a whole number from 1 to 10000, found "${count}"`);
    }
  });
});

describe("secg adt replay over a folder of DUIS XML", () => {
  // G6.3(a)(i): critical SRVs sent with CV 5–7 count; the folder is read in file-name order, one second apart.
  it("replays *.xml files in name order from the default start", async () => {
    const { code, out } = await cli(
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "duis"),
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      processed: 3,
      warned: [id("1", 2002)],
      quarantined: [{ requestId: id("1", 2003), breach: "user-threshold" }],
      deleted: [],
    });
  });

  // G6.3: the period is measured on the replayed times, so spacing the folder out changes nothing here.
  it("accepts a start time", async () => {
    const { code, out } = await cli(
      "adt",
      "replay",
      "--thresholds",
      thresholds,
      "--input",
      join(fixtures, "duis"),
      "--start",
      "2026-06-01T12:00:00Z",
      "--json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(out).quarantined).toHaveLength(1);
  });

  // G6.1(a): a folder without DUIS requests, or with a broken one, is bad input.
  it("refuses an empty folder and names a broken file", async () => {
    const empty = mkdtempSync(join(scratch, "empty-"));
    expect((await cli("adt", "replay", "--thresholds", thresholds, "--input", empty)).err).toMatch(
      /found none/,
    );
    const broken = mkdtempSync(join(scratch, "broken-"));
    writeFileSync(join(broken, "a.xml"), "<sr:Request");
    const { code, err } = await cli("adt", "replay", "--thresholds", thresholds, "--input", broken);
    expect(code).toBe(2);
    expect(err).toMatch(/a\.xml:1: expected well-formed XML/);
  });
});
