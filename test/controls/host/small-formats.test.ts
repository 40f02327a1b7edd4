import { describe, expect, it } from "vitest";
import { parseInventoryFile } from "../../../src/controls/host/inventory-file.js";
import { parseOsRelease } from "../../../src/controls/host/os-release.js";
import { parseRpmQuery } from "../../../src/controls/host/rpm-query.js";

describe("the smaller inventory formats (G3.1(b))", () => {
  it("reads rpm's query output and names a bad line", () => {
    // G3.1(b): software versions and patches of an rpm-based host.
    expect(parseRpmQuery("openssl\t3.0.7-27.el9\tx86_64\nbash\t5.1.8-9.el9\tx86_64\n", "rpm")).toEqual([
      { name: "openssl", version: "3.0.7-27.el9", architecture: "x86_64", manager: "rpm" },
      { name: "bash", version: "5.1.8-9.el9", architecture: "x86_64", manager: "rpm" },
    ]);
    expect(() => parseRpmQuery("ok\t1-1\tnoarch\nbroken line\n", "rpm")).toThrow(
      "rpm:2: expected NAME<tab>VERSION-RELEASE<tab>ARCH",
    );
  });

  it("reads os-release with quoted and unquoted values", () => {
    // G3.1(b)
    expect(parseOsRelease('# comment\nID=rhel\nVERSION_ID="9.4"\n', "os")).toEqual({
      id: "rhel",
      versionId: "9.4",
    });
    expect(() => parseOsRelease("NAME=x\n", "os")).toThrow("os: expected an ID= line");
    expect(() => parseOsRelease("ID=x\nnot a pair\n", "os")).toThrow("os:2: expected a KEY=value line");
  });

  it("reads osquery kernel_info and platform_info as the kernel and firmware a baseline fixes", () => {
    // G3.1(b), G2.3(b): the inventory includes the kernel and firmware versions.
    const kernel = parseInventoryFile(
      '[{"version":"6.1.0-28-amd64","arguments":"ro quiet","path":"/boot/vmlinuz","device":"/dev/sda1"}]',
      "k.json",
    );
    expect(kernel).toEqual({ kernel: "6.1.0-28-amd64", problems: [] });
    const platform = parseInventoryFile(
      '[{"vendor":"SeaBIOS","version":"1.16.2","date":"04/01/2014","revision":"0.0","extra":""}]',
      "p.json",
    );
    expect(platform.firmware).toEqual({
      bios_vendor: "SeaBIOS",
      bios_version: "1.16.2",
      bios_date: "04/01/2014",
    });
  });

  it("reads osquery process_open_sockets and rpm_packages", () => {
    // G2.4(a), G3.1(b)
    const sockets = parseInventoryFile(
      JSON.stringify([
        {
          pid: "812",
          fd: "4",
          socket: "1",
          family: "2",
          protocol: "6",
          local_address: "10.0.0.10",
          remote_address: "10.0.0.5",
          local_port: "22",
          remote_port: "50000",
          state: "ESTABLISHED",
        },
      ]),
      "s.json",
    );
    expect(sockets.sockets?.[0]).toMatchObject({
      state: "established",
      remoteAddress: "10.0.0.5",
      localPort: 22,
    });
    const rpm = parseInventoryFile(
      '[{"name":"bash","version":"5.1.8","release":"9.el9","arch":"x86_64"}]',
      "r.json",
    );
    expect(rpm.packages).toEqual([
      { name: "bash", version: "5.1.8-9.el9", architecture: "x86_64", manager: "rpm" },
    ]);
  });

  it("refuses an inventory document with an unknown key", () => {
    // G3.1(b)
    expect(() => parseInventoryFile("kernel: x\npackage: []\n", "i.yaml")).toThrow(
      "i.yaml:2 at package: expected no such key",
    );
  });
});
