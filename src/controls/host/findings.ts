/**
 * The result every host and network control produces: findings traced to clause ids, inside an
 * evidence record that the workspace will store against the obligations the control proves.
 */
export type Severity = "low" | "medium" | "high" | "critical";

export type Finding = {
  readonly clause: string;
  readonly severity: Severity;
  readonly kind: string;
  readonly subject: string;
  readonly detail: string;
};

export type Evidence = {
  readonly control: "drift" | "ports" | "time";
  readonly ranAt: string;
  readonly method: "test";
  readonly obligations: readonly string[];
  readonly findings: readonly Finding[];
};

const severityRank: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Most severe first, then by subject, so output is stable from run to run. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[b.severity] - severityRank[a.severity] ||
      a.kind.localeCompare(b.kind) ||
      a.subject.localeCompare(b.subject),
  );
}
