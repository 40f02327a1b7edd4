import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectInventory } from "../../../src/controls/host/collect.js";
import { mergeInventories } from "../../../src/controls/host/inventory.js";
import { parseInventoryFile } from "../../../src/controls/host/inventory-file.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);

describe("inventory collected from this machine (G3.1(b))", () => {
  it("lists its OS, kernel and installed packages", async () => {
    // G3.1(b): hardware, software and firmware versions forming the configuration.
    const inventory = await collectInventory({ rpm: false });
    expect(inventory.os?.id).toMatch(/\w/);
    expect(inventory.kernel).toMatch(/\d/);
    expect(inventory.packages?.some((p) => p.name === "dpkg")).toBe(true);
  });

  it("sees a socket this test opens, with its port and owning process", async () => {
    // G2.4(a): an open port is identified, with the program behind it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const inventory = await collectInventory({ rpm: false });
      const socket = inventory.sockets?.find((s) => s.localPort === port && s.state === "listen");
      expect(socket).toMatchObject({ protocol: "tcp", family: 4, localAddress: "127.0.0.1" });
      expect(socket?.process?.pid).toBe(process.pid);
    } finally {
      server.close();
    }
  });
});

describe("inventory collected from another host's files", () => {
  it("reads sockets, owners and firmware, and reports what it could not read", async () => {
    // G3.1(b), G2.4(a): unreadable entries are problems, never "nothing there".
    const inventory = await collectInventory({
      procRoot: fixture("proc"),
      osRelease: fixture("os-release"),
      dpkgStatus: fixture("dpkg-status"),
      dmiDir: fixture("dmi"),
      rpm: false,
    });
    expect(inventory.os).toEqual({
      id: "debian",
      versionId: "12",
      prettyName: "Debian GNU/Linux 12 (bookworm)",
    });
    expect(inventory.packages).toHaveLength(3);
    const ssh = inventory.sockets?.find((s) => s.localPort === 22 && s.state === "listen");
    expect(ssh?.process).toEqual({ pid: 4242, name: "sshd", path: "/usr/sbin/sshd" });
    expect(inventory.processes?.map((p) => p.name).sort()).toEqual(["chronyd", "sshd"]);
    expect(inventory.firmware).toMatchObject({ bios_version: "1.2.3", bios_vendor: "Acme" });
    const problems = inventory.problems.map((p) => `${p.source}: ${p.detail}`);
    expect(problems).toContain(`sockets: ${fixture("proc/net/udp6")}: ENOENT`);
    expect(problems.some((p) => /^sockets: owning process unknown for \d+ socket\(s\).*pid 77/.test(p))).toBe(
      true,
    );
    expect(problems.some((p) => p.startsWith(`firmware: ${fixture("dmi/bios_date")}`))).toBe(true);
  });

  it("reports a missing package database rather than an empty list", async () => {
    // G3.1(b)
    const inventory = await collectInventory({
      procRoot: fixture("proc"),
      osRelease: fixture("os-release"),
      dpkgStatus: fixture("no-such-status"),
      rpm: false,
    });
    expect(inventory.problems.find((p) => p.source === "packages")?.detail).toMatch(
      /no package database found/,
    );
  });
});

describe("osquery results for fleets", () => {
  it("reads deb_packages, and listening_ports joined to processes", () => {
    // G3.1(b), G2.4(a)
    const deb = parseInventoryFile(fixtureText("osquery-deb.json"), "osquery-deb.json");
    expect(deb.packages?.map((p) => p.name)).toEqual(["openssl", "nano", "netcat-traditional"]);
    const merged = mergeInventories([
      parseInventoryFile(fixtureText("osquery-listening.json"), "l.json"),
      parseInventoryFile(fixtureText("osquery-processes.json"), "p.json"),
    ]);
    expect(merged.sockets).toHaveLength(2);
    expect(merged.sockets?.[1]).toMatchObject({ family: 6, localPort: 5432, process: { name: "postgres" } });
  });

  it("refuses truncated JSON with the file and line", () => {
    // G3.1(a)(i): a broken result must not read as "no deviation".
    expect(() => parseInventoryFile(fixtureText("osquery-truncated.json"), "osquery-truncated.json")).toThrow(
      /^osquery-truncated\.json:\d+: expected valid YAML or JSON/,
    );
  });

  it("names the row and column of a bad value", () => {
    // G3.1(b)
    expect(() =>
      parseInventoryFile('[{"name":"a","version":"1"},{"name":"b","version":7}]', "q.json"),
    ).toThrow("q.json:1 at [1].version: expected a string");
    expect(() => parseInventoryFile("[]", "q.json")).toThrow("q.json: expected at least one osquery row");
    expect(() => parseInventoryFile('[{"colour":"red"}]', "q.json")).toThrow(
      "q.json at [0]: expected rows of deb_packages",
    );
  });
});

function fixtureText(name: string): string {
  return readFileSync(fixture(name), "utf8");
}
