import { serviceRequest } from "../duis/service-requests.js";
import { formatPeriod } from "./loosening.js";
import type { Measure, Threshold } from "./thresholds.js";

/**
 * The report the DCC gives the Security Sub-Committee of every Anomaly Detection Threshold set
 * (G6.8): those the DCC sets itself ((a), under G6.6) and those Users notified to it ((b), under
 * G6.4(c)), grouped by User ID and then by SRV, from one or more thresholds files.
 */

export type ReportedLevel =
  | {
      readonly kind: "count";
      readonly measure: Measure;
      readonly warning?: number;
      readonly quarantine?: number;
      /** ISO-8601, in hours, minutes and seconds. */
      readonly period: string;
      /** `file#index`: where the threshold was set. */
      readonly source: string;
    }
  | {
      readonly kind: "attribute";
      readonly value: string;
      readonly min?: number;
      readonly max?: number;
      readonly source: string;
    };

export type ReportedSrv = {
  readonly srv: string;
  readonly name: string;
  readonly critical: boolean;
  readonly thresholds: readonly ReportedLevel[];
};

export type ThresholdReport = {
  readonly clause: "G6.8";
  readonly totals: { readonly dcc: number; readonly users: number; readonly userIds: number };
  /** G6.8(a): the DCC's own thresholds, per SRV. */
  readonly dcc: readonly ReportedSrv[];
  /** G6.8(b): Users' thresholds, per User ID and SRV. */
  readonly users: readonly { readonly userId: string; readonly srvs: readonly ReportedSrv[] }[];
};

export type SourcedThresholds = { readonly file: string; readonly thresholds: readonly Threshold[] };

export function thresholdReport(sources: readonly SourcedThresholds[]): ThresholdReport {
  const dcc = new Map<string, ReportedLevel[]>();
  const users = new Map<string, Map<string, ReportedLevel[]>>();
  let dccCount = 0;
  let userCount = 0;
  for (const { file, thresholds } of sources) {
    for (const t of thresholds) {
      const target =
        t.scope.kind === "dcc"
          ? dcc
          : getOrSet(users, t.scope.userId, () => new Map<string, ReportedLevel[]>());
      getOrSet(target, t.srv, () => []).push(reported(t, `${file}#${t.index}`));
      if (t.scope.kind === "dcc") dccCount++;
      else userCount++;
    }
  }
  return {
    clause: "G6.8",
    totals: { dcc: dccCount, users: userCount, userIds: users.size },
    dcc: srvList(dcc),
    users: [...users.keys()].sort().map((userId) => ({ userId, srvs: srvList(users.get(userId)!) })),
  };
}

function reported(t: Threshold, source: string): ReportedLevel {
  if (t.kind === "attribute") return { kind: "attribute", value: t.value, ...t.bounds, source };
  return { kind: "count", measure: t.measure, ...t.levels, period: formatPeriod(t.periodMs), source };
}

function srvList(bySrv: ReadonlyMap<string, ReportedLevel[]>): ReportedSrv[] {
  return [...bySrv.keys()].sort(compareSrvs).map((srv) => {
    const variant = serviceRequest(srv);
    return {
      srv,
      name: variant?.name ?? "",
      critical: variant?.critical ?? false,
      thresholds: bySrv.get(srv)!,
    };
  });
}

/** 4.2 before 4.10: SRVs compare number by number. */
function compareSrvs(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function getOrSet<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The same report as Markdown, one table for the DCC and one per User ID. */
export function reportMarkdown(report: ThresholdReport): string {
  const { totals } = report;
  const lines = [
    "# Anomaly Detection Thresholds (G6.8)",
    "",
    `${totals.dcc} set by the DCC (G6.8(a)); ${totals.users} set by Users under ${totals.userIds} User IDs (G6.8(b)).`,
    "",
    "## Set by the DCC",
    "",
    ...table(report.dcc),
  ];
  for (const { userId, srvs } of report.users) lines.push(`## User ID ${userId}`, "", ...table(srvs));
  return `${lines.join("\n")}`;
}

function table(srvs: readonly ReportedSrv[]): string[] {
  if (srvs.length === 0) return ["None.", ""];
  const rows = [
    "| SRV | Name | Critical | Counts | Warning | Quarantine | Period / limits | Source |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const s of srvs) {
    for (const t of s.thresholds) {
      const cells =
        t.kind === "count"
          ? [t.measure, show(t.warning), show(t.quarantine), t.period]
          : [`value ${t.value}`, "", "", `min ${show(t.min)}, max ${show(t.max)}`];
      rows.push(
        `| ${[s.srv, cellText(s.name), s.critical ? "yes" : "no", ...cells, cellText(t.source)].join(" | ")} |`,
      );
    }
  }
  return [...rows, ""];
}

function show(n: number | undefined): string {
  return n === undefined ? "–" : String(n);
}

function cellText(text: string): string {
  return text.replaceAll("|", "\\|");
}
