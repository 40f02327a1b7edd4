import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { parseDpkgStatus } from "../../../src/controls/host/dpkg-status.js";
import { ipv6, parseProcNet } from "../../../src/controls/host/proc-net.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/host", name);

describe("dpkg status database (the software list of G3.1(b))", () => {
  it("lists installed packages and leaves out removed ones", () => {
    // G3.1(b): only what is installed is part of the configuration.
    const packages = parseDpkgStatus(readFileSync(fixture("dpkg-status"), "utf8"), "dpkg-status");
    expect(packages).toEqual([
      { name: "openssl", version: "3.0.15-1~deb12u1", architecture: "amd64", manager: "dpkg" },
      { name: "nano", version: "7.2-1", architecture: "amd64", manager: "dpkg" },
      { name: "jq", version: "1.6-2.1", architecture: "amd64", manager: "dpkg" },
    ]);
  });

  it("reads this machine's database", () => {
    // G3.1(b): the real list, not a sample.
    const packages = parseDpkgStatus(readFileSync("/var/lib/dpkg/status", "utf8"), "/var/lib/dpkg/status");
    expect(packages.map((p) => p.name)).toContain("dpkg");
  });

  it("names the line of a malformed stanza", () => {
    // G3.1(b): a list that cannot be read is an error, never an empty list.
    expect(() => parseDpkgStatus("Package: a\nStatus: install ok installed\nno colon here\n", "s")).toThrow(
      "s:3: expected a `Field: value` line (dpkg control-file format)",
    );
    expect(() => parseDpkgStatus("Package: a\nStatus: install ok installed\n", "s")).toThrow(
      "s:1 at a: expected a Version field for an installed package",
    );
  });

  it("round-trips any set of stanzas, whatever the field order and continuation lines", () => {
    // G3.1(b)
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9+.-]{0,20}$/);
    const version = fc.stringMatching(/^[0-9][A-Za-z0-9.+~:-]{0,15}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name, version, installed: fc.boolean(), description: fc.boolean() }), {
          selector: (p) => p.name,
          maxLength: 20,
        }),
        (stanzas) => {
          const text = stanzas
            .map(
              (s) =>
                `Package: ${s.name}\nStatus: ${s.installed ? "install ok installed" : "deinstall ok config-files"}\n` +
                `${s.description ? "Description: x\n more\n .\n" : ""}Version: ${s.version}\nArchitecture: all\n`,
            )
            .join("\n");
          expect(parseDpkgStatus(text, "s")).toEqual(
            stanzas
              .filter((s) => s.installed)
              .map((s) => ({ name: s.name, version: s.version, architecture: "all", manager: "dpkg" })),
          );
        },
      ),
    );
  });

  it("never fails on arbitrary text except with an InputError", () => {
    // G3.1(b)
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseDpkgStatus(text, "s");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});

const header =
  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
const le = (word: number) =>
  [word & 255, (word >>> 8) & 255, (word >>> 16) & 255, word >>> 24]
    .map((b) => b.toString(16).toUpperCase().padStart(2, "0"))
    .join("");
const port = (p: number) => p.toString(16).toUpperCase().padStart(4, "0");

describe("/proc/net socket tables (ports and connections, G2.4(a))", () => {
  it("decodes IPv4 and IPv6 addresses in the kernel's byte order", () => {
    // G2.4(a)
    const tcp = parseProcNet(readFileSync(fixture("proc/net/tcp"), "utf8"), "tcp", "tcp");
    expect(tcp[1]).toMatchObject({
      localAddress: "127.0.0.1",
      localPort: 8080,
      state: "listen",
      inode: 5002,
    });
    expect(tcp[2]).toMatchObject({
      localAddress: "10.0.0.10",
      localPort: 22,
      remoteAddress: "10.0.0.5",
      remotePort: 54321,
      state: "established",
    });
    const tcp6 = parseProcNet(readFileSync(fixture("proc/net/tcp6"), "utf8"), "tcp6", "tcp6");
    expect(tcp6[0]).toMatchObject({ family: 6, localAddress: "::1", localPort: 631, state: "listen" });
    const udp = parseProcNet(readFileSync(fixture("proc/net/udp"), "utf8"), "udp", "udp");
    expect(udp[0]).toMatchObject({ protocol: "udp", localPort: 123, state: "listen" });
  });

  it("writes IPv6 in the compressed form and IPv4-mapped addresses dotted", () => {
    // G2.4(a)
    expect(ipv6([0x20010db8, 0, 0, 1])).toBe("2001:db8::1");
    expect(ipv6([0, 0, 0xffff, 0x7f000001])).toBe("::ffff:127.0.0.1");
    expect(ipv6([0, 0, 0, 0])).toBe("::");
  });

  it("names the line and field of a damaged entry", () => {
    // G2.4(a): a table that cannot be read is not an empty table.
    expect(() =>
      parseProcNet(`${header}\n   0: 0100007F:XYZ1 00000000:0000 0A 0 0 0 0 0 1\n`, "tcp", "t"),
    ).toThrow("t:2 at local_address: expected an IPv4 address and port in hex (8 digits:4 digits)");
    expect(() => parseProcNet("garbage\n", "tcp", "t")).toThrow("t:1: expected the /proc/net header line");
  });

  it("round-trips any IPv4 socket line", () => {
    // G2.4(a)
    const addr = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
    fc.assert(
      fc.property(
        addr,
        fc.nat(65535),
        addr,
        fc.nat(65535),
        fc.constantFrom("01", "0A", "06"),
        fc.nat(),
        (la, lp, ra, rp, st, inode) => {
          const word = (a: number[]) => ((a[0]! << 24) | (a[1]! << 16) | (a[2]! << 8) | a[3]!) >>> 0;
          const line = `   0: ${le(word(la))}:${port(lp)} ${le(word(ra))}:${port(rp)} ${st} 00000000:00000000 00:00000000 00000000     0        0 ${inode} 1`;
          const [socket] = parseProcNet(`${header}\n${line}\n`, "tcp", "t");
          expect(socket).toMatchObject({
            localAddress: la.join("."),
            localPort: lp,
            remoteAddress: ra.join("."),
            remotePort: rp,
            inode,
            state: st === "0A" ? "listen" : st === "01" ? "established" : "other",
          });
        },
      ),
    );
  });

  it("never fails on arbitrary lines except with an InputError", () => {
    // G2.4(a)
    fc.assert(
      fc.property(fc.string(), (line) => {
        try {
          parseProcNet(`${header}\n${line}\n`, "udp6", "t");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
