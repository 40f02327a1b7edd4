import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";
import type { Inventory, ObservedSocket, SocketState } from "./inventory.js";

/**
 * Reads the JSON that `osqueryi --json 'select * from TABLE'` prints, for fleets where osquery
 * already runs. One file holds one table's rows; which table is told by its columns, so the same
 * option accepts deb_packages, rpm_packages, listening_ports, process_open_sockets, processes, and
 * kernel_info and platform_info for the kernel and firmware a baseline may fix.
 */
const integer = z
  .union([z.number().int(), z.string().regex(/^-?\d+$/, "an integer")])
  .transform((value) => Number(value));
const text = z.string();

const debRow = z.looseObject({ name: text.min(1), version: text.min(1), arch: text.optional() });
const rpmRow = z.looseObject({
  name: text.min(1),
  version: text.min(1),
  release: text,
  arch: text.optional(),
});
const listeningRow = z.looseObject({
  pid: integer,
  port: integer,
  protocol: integer,
  family: integer,
  address: text,
  socket: integer.optional(),
});
const openSocketRow = z.looseObject({
  pid: integer,
  protocol: integer,
  family: integer,
  local_address: text,
  local_port: integer,
  remote_address: text,
  remote_port: integer,
  state: text.optional(),
  socket: integer.optional(),
});
const processRow = z.looseObject({ pid: integer, name: text, path: text.optional() });
const kernelRow = z.looseObject({ version: text.min(1) });
const platformRow = z.looseObject({ vendor: text, version: text, date: text });

type Table =
  | "deb_packages"
  | "rpm_packages"
  | "listening_ports"
  | "process_open_sockets"
  | "processes"
  | "kernel_info"
  | "platform_info";

const schemas = {
  deb_packages: debRow,
  rpm_packages: rpmRow,
  listening_ports: listeningRow,
  process_open_sockets: openSocketRow,
  processes: processRow,
  kernel_info: kernelRow,
  platform_info: platformRow,
} as const;

export function parseOsquery(input: string, file: string): Inventory {
  const rows = parseStructured(input, file, z.array(z.record(z.string(), z.unknown())));
  const first = rows[0];
  if (!first)
    throw new InputError({ file }, "at least one osquery row (an empty result cannot name its table)");
  const table = tableOf(Object.keys(first), file);
  const parsed = z.array(schemas[table]).safeParse(rows);
  // Parsing again with the table's schema locates the bad row and column by line.
  if (!parsed.success) parseStructured(input, file, z.array(schemas[table]));
  switch (table) {
    case "deb_packages":
      return {
        packages: rows.map((row) => {
          const r = debRow.parse(row);
          return {
            name: r.name,
            version: r.version,
            ...(r.arch ? { architecture: r.arch } : {}),
            manager: "dpkg",
          };
        }),
        problems: [],
      };
    case "rpm_packages":
      return {
        packages: rows.map((row) => {
          const r = rpmRow.parse(row);
          const version = r.release ? `${r.version}-${r.release}` : r.version;
          return { name: r.name, version, ...(r.arch ? { architecture: r.arch } : {}), manager: "rpm" };
        }),
        problems: [],
      };
    case "listening_ports":
      return {
        sockets: rows
          .map((row) => listeningRow.parse(row))
          .filter((r) => isInternet(r.family))
          .map((r) => socket(r.protocol, r.family, r.address, r.port, "", 0, "listen", r.pid, r.socket)),
        problems: [],
      };
    case "process_open_sockets":
      return {
        sockets: rows
          .map((row) => openSocketRow.parse(row))
          .filter((r) => isInternet(r.family))
          .map((r) => {
            const state: SocketState =
              r.state === "LISTEN" ? "listen" : r.state === "ESTABLISHED" ? "established" : "other";
            return socket(
              r.protocol,
              r.family,
              r.local_address,
              r.local_port,
              r.remote_address,
              r.remote_port,
              state,
              r.pid,
              r.socket,
            );
          }),
        problems: [],
      };
    case "processes":
      return {
        processes: rows.map((row) => {
          const r = processRow.parse(row);
          return { pid: r.pid, name: r.name, ...(r.path ? { path: r.path } : {}) };
        }),
        problems: [],
      };
    case "kernel_info":
      // One row: the running kernel's release, as `uname -r` gives it.
      return { kernel: kernelRow.parse(first).version, problems: [] };
    case "platform_info": {
      // The BIOS identifiers, under the names the collector gives the same DMI fields.
      const r = platformRow.parse(first);
      return {
        firmware: { bios_vendor: r.vendor, bios_version: r.version, bios_date: r.date },
        problems: [],
      };
    }
  }
}

/** AF_INET and AF_INET6; osquery also lists Unix domain sockets, which have no port. */
function isInternet(family: number): boolean {
  return family === 2 || family === 10;
}

function tableOf(columns: readonly string[], file: string): Table {
  const has = (...names: string[]) => names.every((name) => columns.includes(name));
  if (has("name", "version", "release")) return "rpm_packages";
  if (has("name", "version")) return "deb_packages";
  if (has("version", "arguments", "device")) return "kernel_info";
  if (has("vendor", "version", "date")) return "platform_info";
  if (has("remote_address", "local_port")) return "process_open_sockets";
  if (has("port", "protocol", "address")) return "listening_ports";
  if (has("pid", "name")) return "processes";
  throw new InputError(
    { file, path: "[0]" },
    "rows of deb_packages, rpm_packages, listening_ports, process_open_sockets, processes, kernel_info or platform_info",
  );
}

function socket(
  protocol: number,
  family: number,
  localAddress: string,
  localPort: number,
  remoteAddress: string,
  remotePort: number,
  state: SocketState,
  pid: number,
  inode: number | undefined,
): ObservedSocket {
  // osquery reports IANA protocol numbers and AF_* families.
  return {
    protocol: protocol === 17 ? "udp" : "tcp",
    family: family === 10 ? 6 : 4,
    localAddress,
    localPort,
    remoteAddress,
    remotePort,
    state,
    inode: inode ?? 0,
    ...(pid > 0 ? { process: { pid, name: "" } } : {}),
  };
}
