import { execFile } from "node:child_process";
import { readdir, readFile, readlink } from "node:fs/promises";
import { release } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { InputError } from "../../common/input-error.js";
import { parseDpkgStatus } from "./dpkg-status.js";
import type {
  CollectionProblem,
  InstalledPackage,
  Inventory,
  ObservedSocket,
  RunningProcess,
} from "./inventory.js";
import { parseOsRelease } from "./os-release.js";
import { type ProcNetTable, parseProcNet } from "./proc-net.js";
import { parseRpmQuery, rpmQueryFormat } from "./rpm-query.js";

/**
 * Collects the inventory of the machine this runs on. Paths are options so that tests can point
 * the collector at fixture folders (another host's /proc, an unreadable entry) without root.
 */
export type CollectOptions = {
  readonly procRoot?: string;
  readonly osRelease?: string;
  readonly dpkgStatus?: string;
  readonly dmiDir?: string;
  /** The rpm executable; undefined looks it up on PATH, false skips rpm. */
  readonly rpm?: string | false;
};

const TABLES: readonly ProcNetTable[] = ["tcp", "tcp6", "udp", "udp6"];
const FIRMWARE_FIELDS = ["bios_vendor", "bios_version", "bios_date", "product_name", "board_version"];
const run = promisify(execFile);

export async function collectInventory(options: CollectOptions = {}): Promise<Inventory> {
  const procRoot = options.procRoot ?? "/proc";
  const problems: CollectionProblem[] = [];
  const os = await collectOs(options.osRelease ?? "/etc/os-release", problems);
  const packages = await collectPackages(options, problems);
  const processes = await collectProcesses(procRoot, problems);
  const sockets = await collectSockets(procRoot, processes, problems);
  const firmware = await collectFirmware(options.dmiDir ?? "/sys/class/dmi/id", problems);
  return {
    ...(os ? { os } : {}),
    kernel: release(),
    packages,
    sockets,
    processes: processes.list,
    firmware,
    problems,
  };
}

async function readOrProblem(
  file: string,
  source: CollectionProblem["source"],
  problems: CollectionProblem[],
): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    problems.push({ source, detail: `${file}: ${errorCode(error)}` });
    return undefined;
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

async function collectOs(file: string, problems: CollectionProblem[]): Promise<Inventory["os"]> {
  const text = await readOrProblem(file, "os", problems);
  if (text === undefined) return undefined;
  return parseOrProblem(() => parseOsRelease(text, file), "os", problems);
}

function parseOrProblem<T>(
  parse: () => T,
  source: CollectionProblem["source"],
  problems: CollectionProblem[],
) {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push({ source, detail: error.message });
    return undefined;
  }
}

async function collectPackages(
  options: CollectOptions,
  problems: CollectionProblem[],
): Promise<InstalledPackage[]> {
  const packages: InstalledPackage[] = [];
  const status = options.dpkgStatus ?? "/var/lib/dpkg/status";
  let dpkgFound = false;
  try {
    const text = await readFile(status, "utf8");
    dpkgFound = true;
    packages.push(...(parseOrProblem(() => parseDpkgStatus(text, status), "packages", problems) ?? []));
  } catch (error) {
    if (errorCode(error) !== "ENOENT")
      problems.push({ source: "packages", detail: `${status}: ${errorCode(error)}` });
  }
  let rpmFound = false;
  if (options.rpm !== false) {
    const rpm = options.rpm ?? "rpm";
    try {
      const { stdout } = await run(rpm, ["-qa", "--qf", rpmQueryFormat], { maxBuffer: 256 * 1024 * 1024 });
      rpmFound = true;
      packages.push(...(parseOrProblem(() => parseRpmQuery(stdout, "rpm -qa"), "packages", problems) ?? []));
    } catch (error) {
      if (errorCode(error) !== "ENOENT")
        problems.push({ source: "packages", detail: `rpm -qa: ${errorCode(error)}` });
    }
  }
  if (!dpkgFound && !rpmFound)
    problems.push({ source: "packages", detail: `no package database found (${status}, rpm)` });
  return packages;
}

type Processes = {
  readonly list: RunningProcess[];
  readonly bySocketInode: Map<number, RunningProcess>;
  readonly fdUnreadable: number[];
};

async function collectProcesses(procRoot: string, problems: CollectionProblem[]): Promise<Processes> {
  const result: Processes = { list: [], bySocketInode: new Map(), fdUnreadable: [] };
  let entries: string[];
  try {
    entries = await readdir(procRoot);
  } catch (error) {
    problems.push({ source: "processes", detail: `${procRoot}: ${errorCode(error)}` });
    return result;
  }
  const exeUnreadable: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const dir = join(procRoot, entry);
    let name: string;
    try {
      name = (await readFile(join(dir, "comm"), "utf8")).trim();
    } catch {
      // The process ended between listing and reading: it is no longer running.
      continue;
    }
    const path = await readlink(join(dir, "exe")).catch((error: unknown) => {
      // Kernel threads have no executable (ENOENT); anything else hides what is running.
      if (errorCode(error) !== "ENOENT") exeUnreadable.push(pid);
      return undefined;
    });
    const process: RunningProcess = { pid, name, ...(path === undefined ? {} : { path }) };
    result.list.push(process);
    let fds: string[];
    try {
      fds = await readdir(join(dir, "fd"));
    } catch {
      result.fdUnreadable.push(pid);
      continue;
    }
    for (const fd of fds) {
      const target = await readlink(join(dir, "fd", fd)).catch(() => undefined);
      if (target === undefined) {
        if (result.fdUnreadable.at(-1) !== pid) result.fdUnreadable.push(pid);
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined) result.bySocketInode.set(Number(inode), process);
    }
  }
  if (exeUnreadable.length > 0)
    problems.push({
      source: "processes",
      detail: `executable path unreadable for ${exeUnreadable.length} process(es): pid ${listPids(exeUnreadable)}`,
    });
  return result;
}

function listPids(pids: readonly number[]): string {
  return pids.length > 10 ? `${pids.slice(0, 10).join(", ")} and ${pids.length - 10} more` : pids.join(", ");
}

async function collectSockets(
  procRoot: string,
  processes: Processes,
  problems: CollectionProblem[],
): Promise<ObservedSocket[]> {
  const sockets: ObservedSocket[] = [];
  for (const table of TABLES) {
    const file = join(procRoot, "net", table);
    const text = await readOrProblem(file, "sockets", problems);
    if (text === undefined) continue;
    sockets.push(...(parseOrProblem(() => parseProcNet(text, table, file), "sockets", problems) ?? []));
  }
  let unowned = 0;
  const owned = sockets.map((socket) => {
    const owner = processes.bySocketInode.get(socket.inode);
    if (owner) return { ...socket, process: owner };
    // Inode 0 belongs to sockets in TIME_WAIT and the like, which no process holds any more.
    if (socket.inode !== 0 && socket.state !== "other") unowned++;
    return socket;
  });
  if (unowned > 0 && processes.fdUnreadable.length > 0)
    problems.push({
      source: "sockets",
      detail: `owning process unknown for ${unowned} socket(s): open files unreadable for pid ${listPids(processes.fdUnreadable)}`,
    });
  return owned;
}

async function collectFirmware(dir: string, problems: CollectionProblem[]): Promise<Record<string, string>> {
  const firmware: Record<string, string> = {};
  for (const field of FIRMWARE_FIELDS) {
    try {
      firmware[field] = (await readFile(join(dir, field), "utf8")).trim();
    } catch (error) {
      problems.push({ source: "firmware", detail: `${join(dir, field)}: ${errorCode(error)}` });
    }
  }
  return firmware;
}
