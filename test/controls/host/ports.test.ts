import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllowlist } from "../../../src/controls/host/allowlist.js";
import { parseAttempts } from "../../../src/controls/host/attempts.js";
import { inNetwork, parseCidr } from "../../../src/controls/host/cidr.js";
import { collectInventory } from "../../../src/controls/host/collect.js";
import {
  denialOfService,
  peakInWindow,
  unauthorisedAttempts,
} from "../../../src/controls/host/connection-attempts.js";
import { portFindings } from "../../../src/controls/host/ports.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);
const allowlist = parseAllowlist(readFileSync(fixture("allowlist.yaml"), "utf8"), "allowlist.yaml");
const attempts = parseAttempts(readFileSync(fixture("attempts.jsonl"), "utf8"), "attempts.jsonl");

describe("peer networks", () => {
  it("matches IPv4, IPv6 and IPv4-mapped addresses", () => {
    // G2.4(c): only the communications required.
    const ten = parseCidr("10.0.0.0/8", {});
    expect(inNetwork("10.255.1.2", ten)).toBe(true);
    expect(inNetwork("11.0.0.1", ten)).toBe(false);
    expect(inNetwork("::ffff:10.1.1.1", ten)).toBe(true);
    const doc = parseCidr("2001:db8::/32", {});
    expect(inNetwork("2001:db8:1::5", doc)).toBe(true);
    expect(inNetwork("2001:db9::5", doc)).toBe(false);
    expect(inNetwork("::ffff:10.1.1.1", parseCidr("::ffff:0:0/96", {}))).toBe(false);
    expect(() => parseCidr("10.0.0.0/33", { file: "a", path: "allow[0].peers[0]" })).toThrow(
      "a at allow[0].peers[0]: expected a network in CIDR notation",
    );
  });
});

describe("ports and connections against the allowlist (G2.4, G2.1)", () => {
  it("flags open ports and connections nobody needs, and owners it could not read", async () => {
    // G2.4(a)-(c), G2.1(a)
    const observed = await collectInventory({
      procRoot: fixture("proc"),
      rpm: false,
      dmiDir: fixture("dmi"),
    });
    const findings = portFindings(allowlist, observed).map((f) => [f.clause, f.kind, f.subject]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ["G2.4(b)", "open-port", "tcp/8080 on 127.0.0.1"],
        ["G2.4(b)", "open-port", "tcp/631 on ::1"],
        ["G2.4(c)", "unauthorised-outbound-connection", "tcp 8.8.8.8:443 -> 10.0.0.10:41394"],
        ["G2.4(a)", "collection-incomplete", "sockets"],
      ]),
    );
    // sshd on 22 from 10.0.0.5 and udp/123 are allowed.
    expect(findings.some(([, , subject]) => subject?.includes(":22") || subject?.startsWith("udp/123"))).toBe(
      false,
    );
    expect(findings).toHaveLength(5);
  });
});

describe("connection attempts and denial of service (G2.1, G2.8)", () => {
  it("finds unauthorised attempts, worst when accepted", () => {
    // G2.1(a)-(b)
    expect(unauthorisedAttempts(allowlist, attempts).map((f) => [f.clause, f.severity, f.subject])).toEqual([
      ["G2.1(a)", "medium", "tcp 203.0.113.9 -> port 22"],
      ["G2.1(b)", "critical", "tcp 203.0.113.9 -> port 23"],
    ]);
  });

  it("detects a rate above the per-source and total levels in a sliding window", () => {
    // G2.8(a)
    expect(
      denialOfService(allowlist, attempts).map((f) => [f.kind, f.subject, f.detail.split(" ")[0]]),
    ).toEqual([
      ["denial-of-service-source", "10.1.2.3", "4"],
      ["denial-of-service-total", "all sources", "6"],
    ]);
    expect(peakInWindow([0, 1000, 2000, 10_500, 11_000, 11_500], 10_000)).toEqual({
      count: 4,
      endMs: 11_500,
    });
    expect(peakInWindow([0, 10_000], 10_000)).toEqual({ count: 1, endMs: 0 });
  });

  it("names the line and key of a bad attempt", () => {
    // G2.1(a)
    expect(() => parseAttempts(readFileSync(fixture("attempts-bad.jsonl"), "utf8"), "a.jsonl")).toThrow(
      "a.jsonl:2 at destinationPort: expected a number",
    );
    expect(() => parseAttempts('{"time":', "a.jsonl")).toThrow(
      "a.jsonl:1: expected one JSON object per line",
    );
  });
});
