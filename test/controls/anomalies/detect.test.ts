import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { InputError } from "../../../src/common/input-error.js";
import { detectAnomalies } from "../../../src/controls/anomalies/detect.js";
import { type FeedEvent, parseFeed } from "../../../src/controls/anomalies/feed.js";
import { parseRuleSet, type RuleSet } from "../../../src/controls/anomalies/rules.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/anomalies", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const minute = 60_000;
const t0 = Date.UTC(2026, 0, 5, 9);
const audit = (minutes: number, device = "d1", code = "8F35"): FeedEvent => ({
  source: "device-audit",
  time: t0 + minutes * minute,
  device,
  code,
  at: `f:${minutes}`,
});

const rules = (party: RuleSet["party"], threshold = 3, windowMin = 10): RuleSet => ({
  party,
  rules: [
    {
      id: "r",
      source: "device-audit",
      match: { code: "8F35" },
      threshold,
      windowMs: windowMin * minute,
      per: "device",
    },
  ],
});

describe("anomaly detection", () => {
  it("raises a candidate when the threshold is reached inside the window, under G3.15(b) for a Supplier Party", () => {
    // G3.15(b), G3.16(b)
    const [c, ...rest] = detectAnomalies(rules("supplier"), [audit(0), audit(4), audit(9)]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      rule: "r",
      clause: "G3.15(b)",
      respond: "G3.16(b)",
      group: "d1",
      count: 3,
      window: { from: "2026-01-05T09:00:00Z", to: "2026-01-05T09:09:00Z" },
    });
  });

  it("names G2.29(b) and G2.30(b) when the DCC monitors", () => {
    // G2.29(b), G2.30(b)
    expect(detectAnomalies(rules("dcc"), [audit(0), audit(1), audit(2)])).toMatchObject([
      { clause: "G2.29(b)", respond: "G2.30(b)" },
    ]);
  });

  it("does not count events a full window apart, other devices, or other codes", () => {
    // G3.15(b)
    expect(detectAnomalies(rules("supplier"), [audit(0), audit(5), audit(10)])).toEqual([]);
    expect(detectAnomalies(rules("supplier"), [audit(0), audit(1, "d2"), audit(2)])).toEqual([]);
    expect(detectAnomalies(rules("supplier"), [audit(0), audit(1, "d1", "0001"), audit(2)])).toEqual([]);
  });

  it("merges overlapping windows into one burst and separates distant ones", () => {
    // G3.15(b)
    const events = [0, 1, 2, 3, 8, 60, 61, 62].map((m) => audit(m));
    expect(detectAnomalies(rules("supplier"), events).map((c) => c.count)).toEqual([5, 3]);
  });

  it("counts ADT outcomes of a replay summary as one batch without a window", () => {
    // G3.15(a)
    const events = parseFeed(
      JSON.stringify({
        processed: 1,
        warned: [],
        quarantined: [1, 2].map((n) => ({ requestId: `U:T:${n}`, breach: "user-threshold" })),
        deleted: [],
      }),
      "replay.json",
    );
    const set: RuleSet = {
      party: "supplier",
      rules: [{ id: "q", source: "adt", match: { outcome: "quarantined" }, threshold: 2, windowMs: minute }],
    };
    expect(detectAnomalies(set, events)).toMatchObject([{ clause: "G3.15(a)", window: null, count: 2 }]);
  });

  it("reads a one-line feed as JSON Lines, not as a replay summary", () => {
    // G3.15(a)
    const line = '{"source":"adt","time":"2026-01-05T09:00:00Z","requestId":"r","outcome":"processed"}';
    expect(parseFeed(line, "one.jsonl")).toEqual([
      { source: "adt", time: t0, outcome: "processed", at: "one.jsonl:1" },
    ]);
  });

  it("names the paragraph of G2.29 for each feed the DCC monitors", () => {
    // G2.29(a), G2.29(c), G2.29(d)
    const one = (source: FeedEvent["source"]): RuleSet => ({
      party: "dcc",
      rules: [{ id: source, source, match: {}, threshold: 1, windowMs: minute }],
    });
    const event = (source: FeedEvent["source"]): FeedEvent => ({ source, time: t0, at: "f:1" });
    expect(detectAnomalies(one("adt"), [event("adt")])[0]?.clause).toBe("G2.29(a)");
    expect(detectAnomalies(one("device-error"), [event("device-error")])[0]?.clause).toBe("G2.29(c)");
    expect(detectAnomalies(one("incident-log"), [event("incident-log")])[0]?.clause).toBe("G2.29(d)");
  });

  it("refuses an incident-log rule for a Supplier Party", () => {
    // G3.15 names no incident log (G2.29(d) does, for the DCC)
    const text = "party: supplier\nrules:\n  - { id: x, source: incident-log, threshold: 1, window: PT1H }\n";
    expect(() => parseRuleSet(text, "rules.yaml")).toThrow(
      /rules\.yaml:3 at rules\[0\]\.source: expected adt, device-audit or device-error/,
    );
  });

  it("adding events never removes a finding: every earlier burst lies inside a later one", () => {
    // G2.30(a), G3.16(a): detection must not be defeated by extra traffic
    const ev = fc.record({
      m: fc.integer({ min: 0, max: 120 }),
      d: fc.constantFrom("d1", "d2"),
      c: fc.constantFrom("8F35", "0001"),
    });
    fc.assert(
      fc.property(
        fc.array(ev, { maxLength: 30 }),
        fc.array(ev, { maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (a, b, threshold) => {
          const set = rules("supplier", threshold);
          const toEvents = (xs: typeof a) => xs.map((x) => audit(x.m, x.d, x.c));
          const before = detectAnomalies(set, toEvents(a));
          const after = detectAnomalies(set, [...toEvents(a), ...toEvents(b)]);
          for (const c of before) {
            const covered = after.some(
              (n) =>
                n.group === c.group &&
                n.window !== null &&
                c.window !== null &&
                n.window.from <= c.window.from &&
                n.window.to >= c.window.to,
            );
            expect(covered).toBe(true);
          }
        },
      ),
    );
  });

  it("reads any text as a feed or fails with an InputError", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseFeed(text, "feed.jsonl");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

describe("secg anomalies detect", () => {
  it("exits 1 with candidates from JSON Lines feeds and an ADT replay", async () => {
    // G3.15(a), G3.15(b), G3.16(b)
    const { code, out } = await secg(
      "anomalies",
      "detect",
      "--rules",
      fixture("rules.yaml"),
      "--feed",
      fixture("feed.jsonl"),
      fixture("replay.json"),
      "--json",
    );
    expect(code).toBe(1);
    const { events, candidates } = JSON.parse(out);
    expect(events).toBe(12);
    expect(
      candidates.map((c: { rule: string; clause: string; count: number }) => [c.rule, c.clause, c.count]),
    ).toEqual([
      ["quarantine-burst", "G3.15(a)", 3],
      ["quarantine-burst", "G3.15(a)", 3],
      ["tamper-alerts", "G3.15(b)", 2],
    ]);
  });

  it("exits 0 when no rule fires and 1 when one does", async () => {
    // G3.16(a)
    const { code, out } = await secg(
      "anomalies",
      "detect",
      "--rules",
      fixture("rules.yaml"),
      "--feed",
      fixture("replay.json"),
    );
    expect(code).toBe(1);
    expect(out).toContain("1 candidate incident(s)");
    const quiet = await secg(
      "anomalies",
      "detect",
      "--rules",
      fixture("rules.yaml"),
      "--feed",
      fixture("quiet.jsonl"),
    );
    expect(quiet.code).toBe(0);
  });

  it("exits 2 naming the line of a bad feed event", async () => {
    const { code, err } = await secg(
      "anomalies",
      "detect",
      "--rules",
      fixture("rules.yaml"),
      "--feed",
      fixture("bad-feed.jsonl"),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/bad-feed\.jsonl:2 at source: expected one of "adt"/);
  });
});

describe("SM WAN traffic patterns (G2.29(e))", () => {
  const line = (minute: number, device: string, code = "command") =>
    JSON.stringify({
      source: "sm-wan",
      time: new Date(t0 + minute * 60_000).toISOString(),
      device,
      code,
    });

  it("counts the DCC's SM WAN traffic per device and files it under G2.29(e)", () => {
    // G2.29(e): patterns of traffic over the SMETS1 and SMETS2+ SM WANs; G2.30(b) to act on them.
    const feed = parseFeed(
      [0, 1, 2]
        .map((m) => line(m, "d1"))
        .concat(line(3, "d2"))
        .join("\n"),
      "wan.jsonl",
    );
    const set = parseRuleSet(
      "party: dcc\nrules:\n  - { id: wan-burst, source: sm-wan, match: { code: command }, threshold: 3, window: PT5M, per: device }\n",
      "rules.yaml",
    );
    expect(detectAnomalies(set, feed)).toMatchObject([
      { rule: "wan-burst", clause: "G2.29(e)", respond: "G2.30(b)", group: "d1", count: 3 },
    ]);
  });

  it("refuses SM WAN rules for a Supplier Party", () => {
    // G3.15 names no SM WAN traffic.
    expect(() =>
      parseRuleSet(
        "party: supplier\nrules:\n  - { id: w, source: sm-wan, threshold: 1, window: PT1H }\n",
        "r.yaml",
      ),
    ).toThrow(/rules\[0\]\.source/);
  });
});
