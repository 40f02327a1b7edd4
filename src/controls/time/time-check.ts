import type { Finding } from "../host/findings.js";
import type { SourceMeasurement } from "./measure.js";
import type { TimeSources } from "./sources.js";

/**
 * Whether the Network Time differs materially from the Independent Time Source (G2.47(a)).
 * Offsets are all measured against this machine's clock, so its own error cancels out. The
 * independent reference is the median of the independent sources that answered, so one wrong
 * source cannot move it; fewer than two answering means the comparison cannot be trusted.
 */
export function timeFindings(
  network: readonly SourceMeasurement[],
  independent: readonly SourceMeasurement[],
  thresholds: TimeSources["thresholds"],
): Finding[] {
  const findings: Finding[] = [];
  for (const m of [...network, ...independent]) {
    if (m.offsetMs === undefined)
      findings.push({
        clause: "G2.47(a)",
        severity: "high",
        kind: m.kiss ? "source-kiss-o-death" : "source-unreachable",
        subject: m.name,
        detail: m.failures.at(-1) ?? "no samples",
      });
  }
  const answered = independent.flatMap((m) => (m.offsetMs === undefined ? [] : [m.offsetMs]));
  if (answered.length < 2) {
    findings.push({
      clause: "G2.46(b)",
      severity: "critical",
      kind: "independent-source-insufficient",
      subject: "independent",
      detail: `${answered.length} independent source(s) answered; at least two are needed`,
    });
    return findings;
  }
  const reference = median(answered);
  for (const m of network) {
    if (m.offsetMs === undefined) continue;
    const difference = m.offsetMs - reference;
    const size = Math.abs(difference);
    const severity =
      size >= thresholds.criticalMs ? "critical" : size >= thresholds.warningMs ? "medium" : undefined;
    if (!severity) continue;
    findings.push({
      clause: "G2.47(a)",
      severity,
      kind: "network-time-difference",
      subject: m.name,
      detail: `Network Time is ${difference.toFixed(1)} ms from the independent sources (warning ${thresholds.warningMs} ms, critical ${thresholds.criticalMs} ms)`,
    });
  }
  return findings;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
