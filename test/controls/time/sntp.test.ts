import { writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { measureSource } from "../../../src/controls/time/measure.js";
import { offsetAndDelay, readTimestamp, writeTimestamp } from "../../../src/controls/time/ntp-packet.js";
import { querySntp } from "../../../src/controls/time/sntp-client.js";
import { parseTimeSources } from "../../../src/controls/time/sources.js";
import { median, timeFindings } from "../../../src/controls/time/time-check.js";
import { type Responder, type ResponderOptions, startResponder } from "./ntp-responder.js";

const open: Responder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});
async function responder(options: ResponderOptions = {}): Promise<Responder> {
  const r = await startResponder(options);
  open.push(r);
  return r;
}
const config = { samples: 3, timeoutMs: 500, intervalMs: 0 };
const at = (r: Responder, name: string) => ({ name, host: "127.0.0.1", port: r.port });

describe("NTP timestamps (RFC 4330)", () => {
  it("round-trip through both eras, either side of February 2036", () => {
    // G2.47(a): the comparison must stay right after the 32-bit seconds wrap.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const buffer = Buffer.alloc(8);
        writeTimestamp(buffer, 0, ms);
        expect(Math.abs(readTimestamp(buffer, 0) - ms)).toBeLessThan(0.001);
      }),
    );
    const wrap = Buffer.alloc(8);
    writeTimestamp(wrap, 0, Date.UTC(2036, 1, 7, 6, 28, 17));
    expect(wrap.readUInt32BE(0)).toBe(1);
  });

  it("computes offset and delay from the four timestamps", () => {
    // G2.47(a)
    expect(offsetAndDelay(1000, 1600, 1601, 1201)).toEqual({ offsetMs: 500, delayMs: 200 });
  });
});

describe("SNTP client against loopback responders", () => {
  it("measures a chosen offset", async () => {
    // G2.47(a)
    const r = await responder({ offsetMs: 2500 });
    const sample = await querySntp("127.0.0.1", r.port, 500);
    if (!sample.ok) throw new Error(sample.reason);
    // An SNTP offset is exact up to half the round trip (the path's asymmetry), however loaded the machine.
    expect(Math.abs(sample.offsetMs - 2500)).toBeLessThanOrEqual(sample.delayMs / 2 + 2);
  });

  it("stops at a kiss-o'-death and rejects unsynchronised or mismatched replies", async () => {
    // G2.47(a): a source that refuses or cannot vouch for its time gives no measurement.
    const deny = await responder({ kiss: "DENY" });
    const m = await measureSource(at(deny, "deny"), config);
    expect(m).toMatchObject({ samples: 0, kiss: "DENY", failures: ["kiss-o'-death DENY"] });
    expect(deny.requests()).toBe(1);
    const leap = await responder({ leap: 3 });
    expect(await querySntp("127.0.0.1", leap.port, 500)).toMatchObject({
      ok: false,
      reason: /leap indicator 3/,
    });
    const spoof = await responder({ wrongOriginate: true });
    expect(await querySntp("127.0.0.1", spoof.port, 200)).toMatchObject({
      ok: false,
      reason: /no reply within/,
    });
  });

  it("takes several samples and reports jitter", async () => {
    // G2.47(a)
    const r = await responder({ offsetMs: -300 });
    const m = await measureSource(at(r, "r"), config);
    expect(m.samples).toBe(3);
    expect(Math.abs((m.offsetMs ?? 0) + 300)).toBeLessThan(20);
    expect(m.jitterMs).toBeGreaterThanOrEqual(0);
  });
});

describe("material difference of the Network Time (G2.47(a))", () => {
  const thresholds = { warningMs: 50, criticalMs: 1000 };
  const measured = (name: string, offsetMs?: number) => ({
    name,
    host: "h",
    port: 123,
    samples: offsetMs === undefined ? 0 : 1,
    failures: offsetMs === undefined ? ["no reply within 500 ms"] : [],
    ...(offsetMs === undefined ? {} : { offsetMs }),
  });

  it("rates the difference against the median of the independent sources", () => {
    // G2.47(a)
    const independent = [measured("a", 10), measured("b", 12), measured("c", 5000)];
    expect(timeFindings([measured("net", 20)], independent, thresholds)).toEqual([]);
    expect(timeFindings([measured("net", 100)], independent, thresholds)[0]).toMatchObject({
      severity: "medium",
      kind: "network-time-difference",
    });
    expect(timeFindings([measured("net", -2000)], independent, thresholds)[0]).toMatchObject({
      severity: "critical",
    });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });

  it("needs two independent sources to answer", () => {
    // G2.46(b): the comparison is only as good as its independent source.
    const findings = timeFindings([measured("net", 0)], [measured("a", 0), measured("b")], thresholds);
    expect(findings.map((f) => [f.clause, f.kind])).toEqual([
      ["G2.47(a)", "source-unreachable"],
      ["G2.46(b)", "independent-source-insufficient"],
    ]);
  });

  it("refuses a sources file with fewer than two independent sources", () => {
    // G2.46(b)
    expect(() => parseTimeSources("networkTime: [{host: a}]\nindependent: [{host: b}]\n", "t.yaml")).toThrow(
      /^t\.yaml:2 at independent: expected /,
    );
  });
});

describe("secg control run time", () => {
  async function secg(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }
  async function sourcesFile(networkOffsetMs: number): Promise<string> {
    const net = await responder({ offsetMs: networkOffsetMs });
    const a = await responder({ offsetMs: 0 });
    const b = await responder({ offsetMs: 5 });
    const file = join(await mkdtemp(join(tmpdir(), "secg-time-")), "sources.json");
    writeFileSync(
      file,
      JSON.stringify({
        networkTime: [at(net, "network")],
        independent: [at(a, "a"), at(b, "b")],
        samples: 2,
        timeoutMs: 500,
        intervalMs: 0,
      }),
    );
    return file;
  }

  it("exits 0 with an evidence record when the Network Time agrees", async () => {
    // G2.47(a)
    const { code, out } = await secg("control", "run", "time", "--sources", await sourcesFile(0), "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      control: "time",
      method: "test",
      obligations: ["G2.47"],
      findings: [],
    });
  });

  it("exits 1 with a critical finding when it is off by more than a second", async () => {
    // G2.47(a)
    const { code, out } = await secg(
      "control",
      "run",
      "time",
      "--sources",
      await sourcesFile(3000),
      "--json",
    );
    expect(code).toBe(1);
    expect(JSON.parse(out).findings[0]).toMatchObject({ clause: "G2.47(a)", severity: "critical" });
  });
});
