import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { createAdtState } from "../controls/adt/engine.js";
import { parseUtcTimestamp } from "../controls/adt/iso-time.js";
import { replay } from "../controls/adt/replay.js";
import type { ReplaySummary } from "../controls/adt/summary.js";
import { parseThresholds } from "../controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs, serviceRequest } from "../controls/duis/service-requests.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

type ReplayFlags = {
  thresholds: string;
  input: string;
  start?: string;
  encryptedSrvs?: string;
  json?: boolean;
};

/** The `adt` command group, created on first use so several modules can add to it. */
export function adtGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "adt") ??
    program.command("adt").description("Threshold Anomaly Detection (G6)")
  );
}

export function registerAdtCommands(program: Command, io: CliIo, run: Run): void {
  const group = adtGroup(program);
  group
    .command("replay")
    .description("decide recorded Service Requests against Anomaly Detection Thresholds, in time order")
    .requiredOption("--thresholds <file>", "thresholds file (YAML or JSON)")
    .requiredOption("--input <path>", "JSON Lines file of requests, or a folder of DUIS XML requests")
    .option("--start <time>", "UTC time of the first DUIS XML request (default 2025-01-01T00:00:00Z)")
    .option(...encryptedSrvsOption)
    .option("--json", "print JSON")
    .action(
      run(async (flags: ReplayFlags): Promise<ExitCode> => {
        const encryptedSrvs = encryptedSrvsOf(flags);
        const thresholds = parseThresholds(await readTextFile(flags.thresholds), flags.thresholds, {
          encryptedSrvs: new Set(encryptedSrvs),
        });
        const start = flags.start === undefined ? undefined : startTime(flags.start);
        const state = createAdtState(thresholds, { encryptedSrvs });
        const summary = await replay(flags.input, state, start === undefined ? {} : { start });
        if (flags.json) printJson(io, summary);
        else io.out(readable(summary, thresholds.length));
        return 0;
      }),
    );
}

/** `--encrypted-srvs`, shared by replay and serve: the SRVs whose responses are GBCS-encrypted (G6.3(a)(ii)). */
export const encryptedSrvsOption = [
  "--encrypted-srvs <list>",
  `comma-separated SRVs whose responses are encrypted (default ${defaultEncryptedResponseSrvs.join(",")})`,
] as const;

export function encryptedSrvsOf(flags: { readonly encryptedSrvs?: string }): readonly string[] {
  return flags.encryptedSrvs === undefined ? defaultEncryptedResponseSrvs : srvList(flags.encryptedSrvs);
}

function srvList(text: string): string[] {
  const srvs = text.split(",").map((part) => part.trim());
  const unknown = srvs.find((srv) => serviceRequest(srv) === undefined);
  if (unknown !== undefined) {
    throw new InputError(
      { path: "--encrypted-srvs" },
      `SRVs from the DUIS catalogue separated by commas, found "${unknown}"`,
    );
  }
  return srvs;
}

function startTime(text: string): number {
  const time = parseUtcTimestamp(text);
  if (time === undefined) {
    throw new InputError(
      { path: "--start" },
      `an ISO-8601 UTC timestamp like 2025-01-01T00:00:00Z, found "${text}"`,
    );
  }
  return time;
}

function readable(summary: ReplaySummary, thresholdCount: number): string {
  const total = summary.processed + summary.quarantined.length + summary.deleted.length;
  const n = (value: number) => value.toLocaleString("en-GB");
  const lines = [
    `${n(total)} requests against ${n(thresholdCount)} thresholds`,
    `  processed    ${n(summary.processed)} (${n(summary.warned.length)} over a warning level)`,
    `  quarantined  ${n(summary.quarantined.length)}`,
    `  deleted      ${n(summary.deleted.length)}`,
  ];
  if (summary.warned.length > 0) lines.push("Warned:", ...summary.warned.map((id) => `  ${id}`));
  if (summary.quarantined.length > 0) {
    lines.push(
      "Quarantined:",
      ...summary.quarantined.map(({ requestId, breach }) => `  ${requestId}  ${breach}`),
    );
  }
  if (summary.deleted.length > 0) {
    lines.push("Deleted (User to be notified):", ...summary.deleted.map((id) => `  ${id}`));
  }
  return `${lines.join("\n")}\n`;
}
