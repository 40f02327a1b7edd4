import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, fixture } from "./thresholds-support.js";

const dir = mkdtempSync(join(tmpdir(), "secg-adt-thresholds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const userA = "90-B3-D5-1F-30-01-00-00";
const own = (quarantine: number) =>
  `thresholds:\n  - { userId: "${userA}", srv: "6.15.1", measure: critical, quarantine: ${quarantine}, period: PT24H }\n`;

describe("secg adt thresholds", () => {
  // G6.3, G6.4A: check exits 0 on full coverage and 1 with findings.
  it("check", async () => {
    const ok = await cli(
      "adt",
      "thresholds",
      "check",
      fixture("complete.yaml"),
      "--profile",
      fixture("network-party.yaml"),
      "--json",
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ ok: true, findings: [] });
    const gaps = await cli(
      "adt",
      "thresholds",
      "check",
      fixture("gaps.yaml"),
      "--profile",
      fixture("network-party.yaml"),
    );
    expect(gaps.code).toBe(1);
    expect(gaps.out).toContain("7 findings");
    expect(gaps.out).toContain("G6.4A");
  });

  // G6.6A: keygen → sign → verify, then replay refused, loosening flagged, tampering refused.
  it("keygen, sign, verify", async () => {
    const keys = join(dir, "keys");
    expect((await cli("adt", "thresholds", "keygen", "--out", keys)).code).toBe(0);
    expect(statSync(join(keys, "private.pem")).mode & 0o077).toBe(0);
    const again = await cli("adt", "thresholds", "keygen", "--out", keys);
    expect(again.code).toBe(2);
    expect(again.err).toContain("private.pem: expected a path with no key yet");

    writeFileSync(join(dir, "old.yaml"), own(0));
    writeFileSync(join(dir, "new.yaml"), own(3));
    const signedFile = join(dir, "new.signed.json");
    const sign = await cli(
      "adt",
      "thresholds",
      "sign",
      join(dir, "new.yaml"),
      "--key",
      join(keys, "private.pem"),
      "--sequence",
      "2",
      "--out",
      signedFile,
    );
    expect(sign.code).toBe(0);

    const pub = join(keys, "public.pem");
    const verify = await cli(
      "adt",
      "thresholds",
      "verify",
      signedFile,
      "--public-key",
      pub,
      "--last-sequence",
      "1",
      "--current",
      join(dir, "old.yaml"),
      "--json",
    );
    expect(verify.code).toBe(0);
    const result = JSON.parse(verify.out);
    expect(result).toMatchObject({ accepted: true, userId: userA, sequence: 2 });
    expect(result.loosened).toHaveLength(1);
    expect(result.loosened[0].message).toContain("the quarantine level of 0 per PT24H becomes 3 per PT24H");

    const replay = await cli(
      "adt",
      "thresholds",
      "verify",
      signedFile,
      "--public-key",
      pub,
      "--last-sequence",
      "2",
    );
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/^REFUSED \(replayed\)/);

    const tampered = join(dir, "tampered.json");
    writeFileSync(tampered, readFileSync(signedFile, "utf8").replace("quarantine: 3", "quarantine: 9"));
    const bad = await cli("adt", "thresholds", "verify", tampered, "--public-key", pub, "--json");
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toMatchObject({ accepted: false, reason: "bad-signature" });
  });

  // G6.6A: bad input to sign is exit 2 with a precise message.
  it("refuses a bad sequence and a file of several User IDs", async () => {
    const keys = join(dir, "k2");
    await cli("adt", "thresholds", "keygen", "--out", keys);
    const key = join(keys, "private.pem");
    const out = join(dir, "x.json");
    const zero = await cli(
      "adt",
      "thresholds",
      "sign",
      fixture("complete.yaml"),
      "--key",
      key,
      "--sequence",
      "0",
      "--out",
      out,
      "--user-id",
      userA,
    );
    expect(zero.code).toBe(2);
    const several = await cli(
      "adt",
      "thresholds",
      "sign",
      fixture("complete.yaml"),
      "--key",
      key,
      "--sequence",
      "1",
      "--out",
      out,
    );
    expect(several.code).toBe(2);
    expect(several.err).toContain("expected --user-id, since the file names 2 User IDs");
  });

  // G6.8: the report as JSON and as Markdown.
  it("report", async () => {
    const json = await cli(
      "adt",
      "thresholds",
      "report",
      fixture("complete.yaml"),
      fixture("dcc.yaml"),
      "--json",
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).totals).toEqual({ dcc: 2, users: 7, userIds: 2 });
    const md = await cli("adt", "thresholds", "report", fixture("complete.yaml"), "--markdown");
    expect(md.out).toMatch(/^# Anomaly Detection Thresholds \(G6\.8\)/);
  });
});
