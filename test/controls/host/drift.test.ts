import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Baseline, parseBaseline } from "../../../src/controls/host/baseline.js";
import { driftFindings, packageDrift } from "../../../src/controls/host/drift.js";
import type { Inventory } from "../../../src/controls/host/inventory.js";
import { unauthorisedSoftware } from "../../../src/controls/host/unauthorised-software.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);
const baseline = parseBaseline(readFileSync(fixture("baseline.yaml"), "utf8"), "baseline.yaml");

// Every entry names its architecture: an entry without one approves any, which is deliberately one-sided.
const spec = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  version: fc.stringMatching(/^[0-9][0-9.]{0,4}$/),
  architecture: fc.constantFrom("amd64", "arm64"),
});
const inventory = fc.uniqueArray(spec, { selector: (p) => `${p.name}:${p.architecture}`, maxLength: 40 });

describe("package drift (G3.1(a)(i), G2.3(a)(i))", () => {
  it("finds nothing when the host matches its baseline", () => {
    // G3.1(a)(i)
    fc.assert(
      fc.property(inventory, (a) => {
        expect(packageDrift(a, a)).toEqual({ added: [], removed: [], changed: [] });
      }),
    );
  });

  it("swaps added and removed, and reverses changes, when the sides swap", () => {
    // G3.1(a)(i)
    fc.assert(
      fc.property(inventory, inventory, (a, b) => {
        const forward = packageDrift(a, b);
        const back = packageDrift(b, a);
        const names = (list: readonly { name: string }[]) => list.map((p) => p.name).sort();
        expect(names(back.added)).toEqual(names(forward.removed));
        expect(names(back.removed)).toEqual(names(forward.added));
        expect(back.changed.map((c) => [c.name, c.to, c.from]).sort()).toEqual(
          forward.changed.map((c) => [c.name, c.from, c.to]).sort(),
        );
      }),
    );
  });

  it("rates a security-relevant version change high and reports added, removed and changed", () => {
    // G3.1(a)(i), G3.1(b)
    const observed: Inventory = {
      kernel: "6.1.0-29-amd64",
      packages: [
        { name: "openssl", version: "3.0.15-1~deb12u1", architecture: "amd64", manager: "dpkg" },
        { name: "nano", version: "7.2-1", architecture: "amd64", manager: "dpkg" },
        { name: "netcat-traditional", version: "1.10-47", architecture: "amd64", manager: "dpkg" },
      ],
      sockets: [],
      problems: [],
    };
    const findings = driftFindings(baseline, observed).map((f) => [f.clause, f.severity, f.kind, f.subject]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ["G3.1(a)(i)", "medium", "package-added", "netcat-traditional:amd64"],
        ["G3.1(a)(i)", "medium", "package-removed", "curl"],
        ["G3.1(a)(i)", "high", "package-version-changed", "openssl:amd64"],
        ["G3.1(a)(i)", "high", "kernel-changed", "kernel"],
        ["G3.1(a)(i)", "low", "service-removed", "sshd"],
      ]),
    );
    expect(findings).toHaveLength(5);
  });

  it("traces the DCC's systems to G2.3", () => {
    // G2.3(a)(i)
    const dcc: Baseline = { ...baseline, party: "dcc" };
    const [finding] = driftFindings(dcc, { packages: [], problems: [] });
    expect(finding?.clause).toBe("G2.3(a)(i)");
  });

  it("treats what could not be collected as a critical gap, never as no drift", () => {
    // G3.1(b): the list must be up to date at all times.
    const findings = driftFindings(baseline, {
      packages: [],
      problems: [{ source: "packages", detail: "status: EACCES" }],
    });
    expect(findings).toContainEqual(
      expect.objectContaining({ clause: "G3.1(b)", severity: "critical", kind: "collection-incomplete" }),
    );
    expect(driftFindings(baseline, { problems: [] })[0]).toMatchObject({
      kind: "collection-incomplete",
      subject: "packages",
    });
  });

  it("compares a package installed in several versions side by side as a set of versions", () => {
    // G3.1(a)(i): rpm keeps several kernels installed; each approved one is no drift, a new one is.
    const rpm = (...versions: string[]) =>
      versions.map((version) => ({ name: "kernel-core", version, architecture: "x86_64" }));
    expect(packageDrift(rpm("5.14.0-1", "5.14.0-2"), rpm("5.14.0-2", "5.14.0-1"))).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
    expect(packageDrift(rpm("5.14.0-1", "5.14.0-2"), rpm("5.14.0-2", "5.14.0-3"))).toEqual({
      added: [],
      removed: [],
      changed: [{ name: "kernel-core:x86_64", from: "5.14.0-1", to: "5.14.0-3" }],
    });
    expect(packageDrift(rpm("5.14.0-1", "5.14.0-2"), rpm("5.14.0-1", "5.14.0-2", "5.14.0-3"))).toEqual({
      added: rpm("5.14.0-3"),
      removed: [],
      changed: [],
    });
    expect(packageDrift(rpm("5.14.0-1", "5.14.0-2"), rpm("5.14.0-2"))).toEqual({
      added: [],
      removed: rpm("5.14.0-1"),
      changed: [],
    });
  });

  it("lets an entry without an architecture approve the same version on every architecture", () => {
    // G3.1(a)(i)
    const approved = [{ name: "libc6", version: "2.36-9" }];
    const observed = [
      { name: "libc6", version: "2.36-9", architecture: "amd64" },
      { name: "libc6", version: "2.36-9", architecture: "i386" },
    ];
    expect(packageDrift(approved, observed)).toEqual({ added: [], removed: [], changed: [] });
  });

  it("computes drift of 10,000 packages in one pass", () => {
    // G3.1(a)(i): behaviour at scale (timing is in bench/host.bench.ts).
    const approved = Array.from({ length: 10_000 }, (_, i) => ({ name: `p${i}`, version: "1" }));
    const observed = approved.map((p, i) => (i % 1000 === 0 ? { ...p, version: "2" } : p));
    expect(packageDrift(approved, observed).changed).toHaveLength(10);
  });
});

describe("unauthorised software (G3.2(a), G2.2(a))", () => {
  it("flags packages and executables outside the allowlist", () => {
    // G3.2(a)
    const findings = unauthorisedSoftware(baseline, {
      packages: [
        { name: "libfoo1", version: "1", manager: "dpkg" },
        { name: "netcat-traditional", version: "1.10-47", manager: "dpkg" },
      ],
      processes: [
        { pid: 1, name: "sshd", path: "/usr/sbin/sshd" },
        { pid: 2, name: "bash", path: "/usr/bin/bash" },
        { pid: 3, name: "miner", path: "/tmp/.x/miner" },
      ],
      problems: [],
    });
    expect(findings.map((f) => [f.clause, f.kind, f.subject])).toEqual([
      ["G3.2(a)", "unauthorised-package", "netcat-traditional"],
      ["G3.2(a)", "unauthorised-executable", "/tmp/.x/miner"],
    ]);
  });

  it("reports processes whose executable could not be read", () => {
    // G3.2(a): an unreadable process could be running anything.
    const findings = unauthorisedSoftware(baseline, {
      packages: [],
      processes: [],
      problems: [{ source: "processes", detail: "executable path unreadable for 1 process(es): pid 1" }],
    });
    expect(findings[0]).toMatchObject({ severity: "critical", kind: "collection-incomplete" });
  });
});

describe("baseline files", () => {
  it("refuses unknown keys and names the line", () => {
    // G3.1(b)
    expect(() => parseBaseline("system: a\nparty: user\npackages: []\npackage: []\n", "b.yaml")).toThrow(
      "b.yaml:4 at package: expected no such key",
    );
    expect(() => parseBaseline("system: a\nparty: supplier\npackages: []\n", "b.yaml")).toThrow(
      'b.yaml:2 at party: expected one of "dcc", "user"',
    );
  });
});
