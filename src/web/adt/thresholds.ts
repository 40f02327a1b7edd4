/**
 * A thresholds report (G6.8) as the rows of one table: who set each threshold (the DCC or a User
 * ID), on which SRV, and its levels, in the order the report gives them (the DCC first).
 */
import type { ReportedLevel, ThresholdReport } from "../../controls/adt/report.js";

export type ThresholdRow = {
  readonly key: string;
  /** "DCC" or the User ID. */
  readonly setBy: string;
  readonly srv: string;
  readonly name: string;
  readonly critical: boolean;
  /** What is counted (`critical`, `encrypted`, `all`) or the data value limited. */
  readonly counts: string;
  readonly warning: string;
  readonly quarantine: string;
  readonly periodOrLimits: string;
};

const shown = (n: number | undefined) => (n === undefined ? "–" : String(n));

function row(setBy: string, srv: ThresholdReport["dcc"][number], level: ReportedLevel): ThresholdRow {
  const base = { key: level.source, setBy, srv: srv.srv, name: srv.name, critical: srv.critical };
  return level.kind === "count"
    ? {
        ...base,
        counts: level.measure,
        warning: shown(level.warning),
        quarantine: shown(level.quarantine),
        periodOrLimits: level.period,
      }
    : {
        ...base,
        counts: `value ${level.value}`,
        warning: "",
        quarantine: "",
        periodOrLimits: `min ${shown(level.min)}, max ${shown(level.max)}`,
      };
}

export function thresholdRows(report: ThresholdReport): ThresholdRow[] {
  return [
    ...report.dcc.flatMap((srv) => srv.thresholds.map((level) => row("DCC", srv, level))),
    ...report.users.flatMap(({ userId, srvs }) =>
      srvs.flatMap((srv) => srv.thresholds.map((level) => row(userId, srv, level))),
    ),
  ];
}
