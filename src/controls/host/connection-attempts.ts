import type { Allowlist } from "./allowlist.js";
import type { Attempt } from "./attempts.js";
import { inNetwork } from "./cidr.js";
import type { Finding } from "./findings.js";

/**
 * Attempts to connect that no inbound entry allows (G2.1(a)); an unauthorised attempt the system
 * accepted is worse than one it blocked (G2.1(b) asks for prevention).
 */
export function unauthorisedAttempts(allowlist: Allowlist, attempts: readonly Attempt[]): Finding[] {
  const findings: Finding[] = [];
  for (const a of attempts) {
    const allowed = allowlist.allow.some(
      (e) =>
        e.direction === "inbound" &&
        e.port === a.destinationPort &&
        e.protocol === a.protocol &&
        (!e.peers || e.peers.some((network) => inNetwork(a.source, network))),
    );
    if (allowed) continue;
    findings.push({
      clause: a.outcome === "accepted" ? "G2.1(b)" : "G2.1(a)",
      severity: a.outcome === "accepted" ? "critical" : "medium",
      kind: a.outcome === "accepted" ? "unauthorised-connection-accepted" : "unauthorised-attempt",
      subject: `${a.protocol} ${a.source} -> port ${a.destinationPort}`,
      detail: `at ${a.time} (line ${a.line}), ${a.outcome}`,
    });
  }
  return findings;
}

/**
 * Denial of Service detection (G2.8(a)) as rates: attempts in any sliding window of
 * `windowSeconds`, per source and in total. Each source that passes its level is one finding with
 * the highest count seen and when that window ended; the total likewise.
 */
export function denialOfService(allowlist: Allowlist, attempts: readonly Attempt[]): Finding[] {
  const { windowSeconds, perSource, total } = allowlist.denialOfService;
  const windowMs = windowSeconds * 1000;
  const ordered = [...attempts].sort((a, b) => a.timeMs - b.timeMs);
  const bySource = new Map<string, number[]>();
  for (const a of ordered) {
    const times = bySource.get(a.source);
    if (times) times.push(a.timeMs);
    else bySource.set(a.source, [a.timeMs]);
  }
  const findings: Finding[] = [];
  for (const [source, times] of bySource) {
    const peak = peakInWindow(times, windowMs);
    if (peak.count > perSource)
      findings.push({
        clause: "G2.8(a)",
        severity: "high",
        kind: "denial-of-service-source",
        subject: source,
        detail: `${peak.count} attempts within ${windowSeconds} s (level ${perSource}), window ending ${new Date(peak.endMs).toISOString()}`,
      });
  }
  const peak = peakInWindow(
    ordered.map((a) => a.timeMs),
    windowMs,
  );
  if (peak.count > total)
    findings.push({
      clause: "G2.8(a)",
      severity: "critical",
      kind: "denial-of-service-total",
      subject: "all sources",
      detail: `${peak.count} attempts within ${windowSeconds} s (level ${total}), window ending ${new Date(peak.endMs).toISOString()}`,
    });
  return findings;
}

/** Largest number of sorted times inside any window (t - windowMs, t], found with two pointers. */
export function peakInWindow(times: readonly number[], windowMs: number): { count: number; endMs: number } {
  let best = { count: 0, endMs: 0 };
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    if (end - start + 1 > best.count) best = { count: end - start + 1, endMs: times[end]! };
  }
  return best;
}
