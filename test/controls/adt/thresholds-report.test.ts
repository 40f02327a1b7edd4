import { describe, expect, it } from "vitest";
import { reportMarkdown, thresholdReport } from "../../../src/controls/adt/report.js";
import { fixtureThresholds } from "./thresholds-support.js";

const sources = [
  { file: "complete.yaml", thresholds: fixtureThresholds("complete.yaml") },
  { file: "dcc.yaml", thresholds: fixtureThresholds("dcc.yaml") },
];

describe("the G6.8 report to the Security Sub-Committee", () => {
  // G6.8(a), (b): the DCC's own thresholds and Users' notified ones, counted apart.
  it("separates the DCC's thresholds from Users'", () => {
    const report = thresholdReport(sources);
    expect(report.totals).toEqual({ dcc: 2, users: 7, userIds: 2 });
    expect(report.dcc.map((s) => s.srv)).toEqual(["1.2.1", "7.2"]);
    expect(report.dcc[0]!.thresholds).toEqual([
      { kind: "attribute", value: "price", min: 0, max: 100000, source: "dcc.yaml#1" },
    ]);
  });

  // G6.8(b): per User ID, per SRV in numeric order, with every level and period.
  it("lists each User's thresholds per SRV", () => {
    const [first] = thresholdReport(sources).users;
    expect(first!.userId).toBe("90-B3-D5-1F-30-01-00-00");
    expect(first!.srvs.map((s) => s.srv)).toEqual(["4.1.1", "4.1.2", "4.1.3", "4.8.1", "4.17", "6.15.1"]);
    expect(first!.srvs[0]).toEqual({
      srv: "4.1.1",
      name: "Read Instantaneous Import Registers",
      critical: false,
      thresholds: [
        {
          kind: "count",
          measure: "encrypted",
          warning: 800,
          quarantine: 1000,
          period: "PT24H",
          source: "complete.yaml#1",
        },
      ],
    });
  });

  // G6.8: the Markdown form has one table for the DCC and one per User ID.
  it("renders Markdown tables", () => {
    const md = reportMarkdown(thresholdReport(sources));
    expect(md).toContain("## Set by the DCC");
    expect(md).toContain("## User ID 90-B3-D5-1F-30-02-00-00");
    expect(md).toContain(
      "| 6.15.1 | Update Security Credentials (KRP) | yes | critical | – | 0 | PT24H | complete.yaml#0 |",
    );
  });
});
