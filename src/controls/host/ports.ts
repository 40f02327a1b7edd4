import type { AllowEntry, Allowlist } from "./allowlist.js";
import { inNetwork } from "./cidr.js";
import type { Finding } from "./findings.js";
import type { Inventory, ObservedSocket } from "./inventory.js";

/**
 * Observed listening sockets and established connections against the allowlist: a port open
 * that no entry needs (G2.4(a)-(b)), a connection no entry allows (G2.1(a), G2.4(c)). A
 * connection whose local port is one this system listens on is inbound, any other outbound.
 */
export function portFindings(allowlist: Allowlist, observed: Inventory): Finding[] {
  const findings: Finding[] = [];
  if (!observed.sockets) {
    return [
      {
        clause: "G2.4(a)",
        severity: "critical",
        kind: "collection-incomplete",
        subject: "sockets",
        detail: "no sockets were observed",
      },
    ];
  }
  for (const problem of observed.problems.filter((p) => p.source === "sockets"))
    findings.push({
      clause: "G2.4(a)",
      severity: "critical",
      kind: "collection-incomplete",
      subject: "sockets",
      detail: problem.detail,
    });

  const listening = new Set<string>();
  for (const s of observed.sockets) if (s.state === "listen") listening.add(`${s.protocol}/${s.localPort}`);

  const reported = new Set<string>();
  for (const socket of observed.sockets) {
    if (socket.state === "listen") {
      const verdict = match(allowlist.allow, socket, "inbound", socket.localPort, undefined);
      const subject = `${socket.protocol}/${socket.localPort} on ${socket.localAddress}`;
      if (verdict !== "allowed" && !reported.has(subject)) {
        reported.add(subject);
        findings.push({
          clause: "G2.4(b)",
          severity: "high",
          ...describe(verdict, "open-port"),
          subject,
          detail: owner(socket),
        });
      }
    } else if (socket.state === "established") {
      const inbound = listening.has(`${socket.protocol}/${socket.localPort}`);
      const port = inbound ? socket.localPort : socket.remotePort;
      const verdict = match(
        allowlist.allow,
        socket,
        inbound ? "inbound" : "outbound",
        port,
        socket.remoteAddress,
      );
      if (verdict === "allowed") continue;
      findings.push({
        clause: inbound ? "G2.1(a)" : "G2.4(c)",
        severity: "high",
        ...describe(verdict, inbound ? "unauthorised-connection" : "unauthorised-outbound-connection"),
        subject: `${socket.protocol} ${socket.remoteAddress}:${socket.remotePort} -> ${socket.localAddress}:${socket.localPort}`,
        detail: owner(socket),
      });
    }
  }
  return findings;
}

type Verdict = "allowed" | "not-allowed" | "owner-unknown";

function match(
  entries: readonly AllowEntry[],
  socket: ObservedSocket,
  direction: AllowEntry["direction"],
  port: number,
  peer: string | undefined,
): Verdict {
  let ownerUnknown = false;
  for (const entry of entries) {
    if (entry.direction !== direction || entry.protocol !== socket.protocol || entry.port !== port) continue;
    if (peer !== undefined && entry.peers && !entry.peers.some((network) => inNetwork(peer, network)))
      continue;
    if (entry.process !== undefined) {
      // An owner that could not be read can be neither allowed nor blamed: it is reported apart.
      if (!socket.process?.name) {
        ownerUnknown = true;
        continue;
      }
      if (socket.process.name !== entry.process) continue;
    }
    return "allowed";
  }
  return ownerUnknown ? "owner-unknown" : "not-allowed";
}

function describe(verdict: Verdict, kind: string): { kind: string } {
  return { kind: verdict === "owner-unknown" ? "owner-unknown" : kind };
}

function owner(socket: ObservedSocket): string {
  return socket.process?.name
    ? `owned by ${socket.process.name} (pid ${socket.process.pid})`
    : "owning process unknown";
}
