import type { Baseline } from "./baseline.js";
import { clauses } from "./drift.js";
import type { Finding } from "./findings.js";
import { globMatcher } from "./glob.js";
import type { Inventory } from "./inventory.js";

/**
 * Software installed or executed outside the system's allowlist (G2.2(a), G3.2(a)). A list that
 * the baseline leaves out is not checked; a list it gives is checked against everything observed,
 * and what could not be observed is itself a finding.
 */
export function unauthorisedSoftware(baseline: Baseline, observed: Inventory): Finding[] {
  const clause = clauses(baseline.party).software;
  const findings: Finding[] = [];
  const allow = baseline.software;
  if (allow?.packages) {
    const allowed = globMatcher(allow.packages);
    for (const p of observed.packages ?? []) {
      if (!allowed(p.name))
        findings.push({
          clause,
          severity: "high",
          kind: "unauthorised-package",
          subject: p.name,
          detail: `${p.version} is installed but not allowed`,
        });
    }
  }
  if (allow?.executables) {
    const allowed = globMatcher(allow.executables);
    if (!observed.processes)
      findings.push({
        clause,
        severity: "critical",
        kind: "collection-incomplete",
        subject: "processes",
        detail: "no running processes were observed",
      });
    const seen = new Set<string>();
    for (const process of observed.processes ?? []) {
      if (process.path === undefined || seen.has(process.path)) continue;
      seen.add(process.path);
      if (!allowed(process.path))
        findings.push({
          clause,
          severity: "high",
          kind: "unauthorised-executable",
          subject: process.path,
          detail: `running as pid ${process.pid} (${process.name})`,
        });
    }
    for (const problem of observed.problems.filter((p) => p.source === "processes"))
      findings.push({
        clause,
        severity: "critical",
        kind: "collection-incomplete",
        subject: "processes",
        detail: problem.detail,
      });
  }
  return findings;
}
