import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliRun } from "../../support/cli.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);

/** `secg control run drift` against the fixture baseline, with the rest of the arguments. */
const drift = (...argv: string[]) =>
  cliRun("control", "run", "drift", "--baseline", fixture("baseline.yaml"), ...argv);
/** `secg control run ports` against the fixture allowlist, with the rest of the arguments. */
const ports = (...argv: string[]) =>
  cliRun("control", "run", "ports", "--allowlist", fixture("allowlist.yaml"), ...argv);

describe("secg control run drift", () => {
  it("exits 0 with an evidence record when the host matches its baseline", async () => {
    // G3.1(a)(i), G3.2(a)
    const { code, out } = await drift("--observed", fixture("inventory.json"), "--json");
    expect(code).toBe(0);
    const record = JSON.parse(out);
    expect(record).toMatchObject({
      control: "drift",
      method: "test",
      obligations: ["G3.1", "G3.2"],
      findings: [],
      system: "web-1",
    });
    expect(Number.isNaN(Date.parse(record.ranAt))).toBe(false);
  });

  it("exits 1 on drift found in osquery results, and prints it for people", async () => {
    // G3.1(a)(i), G3.2(a)
    const { code, out } = await drift(
      "--observed",
      fixture("osquery-deb.json"),
      fixture("osquery-listening.json"),
      fixture("osquery-processes.json"),
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^drift on web-1 at .* \(G3\.1, G3\.2\): \d+ finding\(s\)/);
    expect(out).toContain("HIGH G3.2(a) unauthorised-package netcat-traditional");
    expect(out).toContain("HIGH G3.1(a)(i) service-added postgres");
  });

  it("collects from this machine", async () => {
    // G3.1(b): an empty baseline makes every installed package a finding.
    const { code, out } = await drift("--collect", "--json");
    expect(code).toBe(1);
    expect(JSON.parse(out).findings.some((f: { kind: string }) => f.kind === "package-added")).toBe(true);
  });

  it("exits 2 with a one-line message on bad input", async () => {
    // G3.1(b)
    const truncated = await drift("--observed", fixture("osquery-truncated.json"));
    expect(truncated.code).toBe(2);
    expect(truncated.err).toMatch(/^secg: .*osquery-truncated\.json:\d+: expected valid YAML or JSON/);
    const neither = await drift();
    expect(neither).toMatchObject({ code: 2, err: "secg: expected --observed FILE or --collect\n" });
    // G3.1(b): without the workspace there is no register to take the approved baseline from.
    expect(await cliRun("control", "run", "drift", "--collect")).toMatchObject({
      code: 2,
      err: "secg: at --baseline: expected a file, or --store --party P --system ID to use the system's in the registers\n",
    });
    const badBaseline = await cliRun(
      "control",
      "run",
      "drift",
      "--baseline",
      fixture("allowlist.yaml"),
      "--collect",
    );
    expect(badBaseline.code).toBe(2);
    expect(badBaseline.err).toMatch(/allowlist\.yaml:\d+ at .*: expected/);
  });
});

describe("secg control run ports", () => {
  it("checks sockets and attempts and exits 1 on findings", async () => {
    // G2.1(a), G2.4(b), G2.8(a)
    const { code, out } = await ports(
      "--observed",
      fixture("inventory.json"),
      "--attempts",
      fixture("attempts.jsonl"),
      "--json",
    );
    expect(code).toBe(1);
    const record = JSON.parse(out);
    expect(record).toMatchObject({ control: "ports", obligations: ["G2.1", "G2.4", "G2.8"], attempts: 6 });
    expect(record.findings.map((f: { kind: string }) => f.kind)).toEqual([
      "denial-of-service-total",
      "unauthorised-connection-accepted",
      "denial-of-service-source",
      "unauthorised-attempt",
    ]);
  });

  it("exits 0 when only allowed sockets are open", async () => {
    // G2.4(b)
    const { code } = await ports("--observed", fixture("inventory.json"));
    expect(code).toBe(0);
  });

  it("exits 2 on a bad attempt log", async () => {
    // G2.1(a)
    const { code, err } = await ports("--attempts", fixture("attempts-bad.jsonl"));
    expect(code).toBe(2);
    expect(err).toMatch(/attempts-bad\.jsonl:2 at destinationPort: expected a number/);
  });
});
