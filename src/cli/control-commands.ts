import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import type { Finding } from "../controls/host/findings.js";
import {
  type ControlName,
  evidenceRecord,
  executeControl,
  type InputDocument,
  isComplete,
  type Observed,
  type RunRequest,
} from "../workspace/controls/execute.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { ApprovedPart, BaselineApproval } from "../workspace/registers/inventory.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withStore } from "./store-options.js";

type ObservedOptions = { observed?: string[]; collect?: boolean };
type CommonOptions = { json?: boolean; store?: boolean; party?: string; system?: string; data: string };

export function registerControlCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("control")
    .description("host and network controls: configuration drift, ports and connections, network time");
  const runGroup = group.command("run").description("run one control now and print its evidence record");

  withCommonOptions(
    runGroup
      .command("drift")
      .description("inventory against an approved baseline and software allowlist (G2.2-G2.3, G3.1-G3.2)")
      .option(
        "--baseline <file>",
        "the approved baseline (YAML or JSON); left out: the system's in the registers",
      )
      .option("--observed <file...>", "inventory or osquery result file(s) from the host")
      .option("--collect", "collect the inventory from this machine"),
  ).action(
    run((opts: CommonOptions & ObservedOptions & { baseline?: string }) =>
      runControl(io, opts, "drift", async () => ({
        control: "drift",
        ...(opts.baseline === undefined ? {} : { baseline: await document(opts.baseline) }),
        observed: await observed(opts),
      })),
    ),
  );

  withCommonOptions(
    runGroup
      .command("ports")
      .description(
        "listening ports, connections and connection attempts against an allowlist (G2.1, G2.4, G2.8)",
      )
      .option(
        "--allowlist <file>",
        "the allowed ports, protocols and peers (YAML or JSON); left out: the system's in the registers",
      )
      .option("--observed <file...>", "inventory or osquery result file(s) from the host")
      .option("--collect", "collect sockets from this machine")
      .option("--attempts <file>", "connection-attempt log (JSON Lines)"),
  ).action(
    run((opts: CommonOptions & ObservedOptions & { allowlist?: string; attempts?: string }) =>
      runControl(io, opts, "ports", async () => ({
        control: "ports",
        ...(opts.allowlist === undefined ? {} : { allowlist: await document(opts.allowlist) }),
        ...(opts.observed || opts.collect ? { observed: await observed(opts) } : {}),
        ...(opts.attempts ? { attempts: await document(opts.attempts) } : {}),
      })),
    ),
  );

  withCommonOptions(
    runGroup
      .command("time")
      .description("Network Time against independent time sources over SNTP (G2.46-G2.47)")
      .requiredOption("--sources <file>", "the Network Time and independent sources (YAML or JSON)"),
  ).action(
    run((opts: CommonOptions & { sources: string }) =>
      runControl(io, opts, "time", async () => ({ control: "time", sources: await document(opts.sources) })),
    ),
  );

  group
    .command("baseline")
    .description("the approved baselines the drift control reads from the inventory register")
    .command("approve")
    .description(
      "approve what a system runs as its baseline: the observed inventory becomes its approved items (G2.3(b), G3.1(b))",
    )
    .requiredOption("--party <id>", "the party whose inventory register keeps the baseline")
    .requiredOption("--system <id>", "the system (an id in the party's systems register)")
    .option("--observed <file...>", "inventory or osquery result file(s) from the host")
    .option("--collect", "collect the inventory from this machine")
    .option("--json", "print what changed as JSON")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .action(
      run(
        async (
          opts: ObservedOptions & { party: string; system: string; json?: boolean; data: string },
        ): Promise<ExitCode> => {
          const from = await observed(opts);
          const { approveBaseline } = await import("../workspace/controls/baseline-approval.js");
          const approval = await withStore(opts.data, (store) =>
            approveBaseline(store.db, store.clock, opts.party, opts.system, from, {
              actor: `cli:${userInfo().username}`,
            }),
          );
          if (opts.json) printJson(io, approval);
          else io.out(approvalText(approval));
          return 0;
        },
      ),
    );
}

/** The approval for people: counts, then one line per item added (+), changed (~) or removed (-). */
function approvalText(approval: BaselineApproval): string {
  const { system, added, changed, removed, unchanged, kept } = approval;
  const item = (p: ApprovedPart) =>
    `${p.part} ${p.name}${p.architecture ? `:${p.architecture}` : ""}${p.version ? ` ${p.version}` : ""}`;
  return [
    `baseline of ${system} approved: ${added.length} added, ${changed.length} changed, ${removed.length} removed, ${unchanged} unchanged`,
    ...added.map((p) => `  + ${item(p)}`),
    ...changed.map((p) => `  ~ ${item(p)} (was ${p.from})`),
    ...removed.map((p) => `  - ${item(p)}`),
    ...kept.map((k) => `  kept as approved before: ${k.part} (${k.reason})`),
    "",
  ].join("\n");
}

function withCommonOptions(command: Command): Command {
  return command
    .option("--json", "print the evidence record as JSON")
    .option("--store", "store the run and its findings in the workspace as evidence (needs --party)")
    .option("--party <id>", "the party whose evidence the run is (with --store)")
    .option(
      "--system <id>",
      "the system checked (with --store; must match the baseline or allowlist, or names the registers' one)",
    )
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir);
}

/**
 * Without --store, bad input is refused (exit 2) and nothing is kept. With --store the run is
 * kept whatever happens, a failed one as an error run (still exit 2): a control that could not
 * run is itself evidence someone must see.
 */
async function runControl(
  io: CliIo,
  opts: CommonOptions,
  control: ControlName,
  load: () => Promise<RunRequest>,
): Promise<ExitCode> {
  if (!opts.store) {
    if (opts.party !== undefined || opts.system !== undefined)
      throw new InputError({ path: opts.party !== undefined ? "--party" : "--system" }, "--store with it");
    const request = await load();
    if (!isComplete(request))
      throw new InputError(
        { path: control === "drift" ? "--baseline" : "--allowlist" },
        "a file, or --store --party P --system ID to use the system's in the registers",
      );
    const ranAt = new Date();
    const record = evidenceRecord(await executeControl(request), ranAt);
    return report(io, opts.json, record);
  }
  const party = opts.party;
  if (party === undefined)
    throw new InputError({ path: "--party" }, "the party the run is for, with --store");
  const { controlRunsOf } = await import("../workspace/controls/runs.js");
  const stored = await withStore(opts.data, (store) =>
    controlRunsOf(store.db, store.clock).run(
      party,
      { control, load },
      opts.system === undefined ? {} : { system: opts.system },
      { actor: `cli:${userInfo().username}` },
    ),
  );
  if (stored.status === "error") {
    io.err(`secg: ${String(stored.result.error)} (stored as error run ${stored.id})\n`);
    return 2;
  }
  if (opts.json) printJson(io, stored);
  else {
    report(io, false, stored.result as Parameters<typeof report>[2]);
    io.out(
      `stored as run ${stored.id}: ${stored.findings.map((f) => f.status).join(", ") || "no findings"}\n`,
    );
  }
  return stored.status === "findings" ? 1 : 0;
}

function report(
  io: CliIo,
  json: boolean | undefined,
  record: {
    control: string;
    ranAt: string;
    obligations: readonly string[];
    findings: readonly Finding[];
    system?: unknown;
  },
): ExitCode {
  if (json) printJson(io, record);
  else {
    const system = typeof record.system === "string" ? ` on ${record.system}` : "";
    io.out(
      `${record.control}${system} at ${record.ranAt} (${record.obligations.join(", ")}): ${record.findings.length} finding(s)\n`,
    );
    for (const f of record.findings)
      io.out(`  ${f.severity.toUpperCase()} ${f.clause} ${f.kind} ${f.subject}: ${f.detail}\n`);
  }
  return record.findings.length > 0 ? 1 : 0;
}

async function document(file: string): Promise<InputDocument> {
  return { name: file, text: await readTextFile(file) };
}

async function observed(opts: ObservedOptions): Promise<Observed> {
  if (opts.collect && opts.observed)
    throw new InputError({}, "either --observed FILE or --collect, not both");
  if (opts.collect) return "collect";
  if (!opts.observed) throw new InputError({}, "--observed FILE or --collect");
  return Promise.all(opts.observed.map(document));
}
