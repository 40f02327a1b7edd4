/**
 * What a host is made of, as collected from the machine itself or from osquery results. Every
 * source that could not be read is kept as a problem beside the data, so that a check never
 * mistakes "could not look" for "nothing there".
 */
export type InstalledPackage = {
  readonly name: string;
  readonly version: string;
  readonly architecture?: string;
  readonly manager: "dpkg" | "rpm";
};

export type SocketState = "listen" | "established" | "other";

export type ObservedSocket = {
  readonly protocol: "tcp" | "udp";
  readonly family: 4 | 6;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: SocketState;
  readonly inode: number;
  /** The owning process, when its /proc/<pid>/fd (or osquery's pid) could be read. */
  readonly process?: { readonly pid: number; readonly name: string; readonly path?: string };
};

export type RunningProcess = { readonly pid: number; readonly name: string; readonly path?: string };

/** What could not be collected, named by the source so an assessor can see the gap. */
export type CollectionProblem = {
  readonly source: "os" | "kernel" | "packages" | "sockets" | "processes" | "firmware";
  readonly detail: string;
};

export type Inventory = {
  readonly os?: { readonly id: string; readonly versionId?: string; readonly prettyName?: string };
  readonly kernel?: string;
  readonly packages?: readonly InstalledPackage[];
  readonly sockets?: readonly ObservedSocket[];
  readonly processes?: readonly RunningProcess[];
  readonly firmware?: Readonly<Record<string, string>>;
  readonly problems: readonly CollectionProblem[];
};

/** Combines partial inventories (for example one osquery result per table) into one. */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  const merged: {
    -readonly [K in keyof Inventory]: Inventory[K];
  } = { problems: [] };
  for (const part of parts) {
    if (part.os) merged.os = part.os;
    if (part.kernel !== undefined) merged.kernel = part.kernel;
    if (part.packages) merged.packages = [...(merged.packages ?? []), ...part.packages];
    if (part.sockets) merged.sockets = [...(merged.sockets ?? []), ...part.sockets];
    if (part.processes) merged.processes = [...(merged.processes ?? []), ...part.processes];
    if (part.firmware) merged.firmware = { ...merged.firmware, ...part.firmware };
    merged.problems = [...merged.problems, ...part.problems];
  }
  // osquery gives a socket's pid only; its name and path come from the processes table.
  const byPid = new Map((merged.processes ?? []).map((p) => [p.pid, p]));
  if (merged.sockets && byPid.size > 0)
    merged.sockets = merged.sockets.map((s) => {
      const owner = s.process && byPid.get(s.process.pid);
      return owner ? { ...s, process: owner } : s;
    });
  return merged;
}
