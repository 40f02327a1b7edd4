import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { parseAllowlist } from "../controls/host/allowlist.js";
import { parseAttempts } from "../controls/host/attempts.js";
import { parseBaseline } from "../controls/host/baseline.js";
import { collectInventory } from "../controls/host/collect.js";
import { denialOfService, unauthorisedAttempts } from "../controls/host/connection-attempts.js";
import { driftFindings } from "../controls/host/drift.js";
import { type Evidence, type Finding, sortFindings } from "../controls/host/findings.js";
import { type Inventory, mergeInventories } from "../controls/host/inventory.js";
import { parseInventoryFile } from "../controls/host/inventory-file.js";
import { portFindings } from "../controls/host/ports.js";
import { unauthorisedSoftware } from "../controls/host/unauthorised-software.js";
import { measureSource } from "../controls/time/measure.js";
import { parseTimeSources } from "../controls/time/sources.js";
import { timeFindings } from "../controls/time/time-check.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

type ObservedOptions = { observed?: string[]; collect?: boolean; json?: boolean };

export function registerControlCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("control")
    .description("host and network controls: configuration drift, ports and connections, network time");
  const runGroup = group.command("run").description("run one control now and print its evidence record");

  runGroup
    .command("drift")
    .description("inventory against an approved baseline and software allowlist (G2.2-G2.3, G3.1-G3.2)")
    .requiredOption("--baseline <file>", "the approved baseline (YAML or JSON)")
    .option("--observed <file...>", "inventory or osquery result file(s) from the host")
    .option("--collect", "collect the inventory from this machine")
    .option("--json", "print the evidence record as JSON")
    .action(
      run(async (opts: ObservedOptions & { baseline: string }): Promise<ExitCode> => {
        const baseline = parseBaseline(await readTextFile(opts.baseline), opts.baseline);
        const observed = await observe(opts);
        const findings = [...driftFindings(baseline, observed), ...unauthorisedSoftware(baseline, observed)];
        const obligations = baseline.party === "dcc" ? ["G2.2", "G2.3"] : ["G3.1", "G3.2"];
        return report(
          io,
          opts.json,
          { system: baseline.system, problems: observed.problems },
          evidence("drift", obligations, findings),
        );
      }),
    );

  runGroup
    .command("ports")
    .description(
      "listening ports, connections and connection attempts against an allowlist (G2.1, G2.4, G2.8)",
    )
    .requiredOption("--allowlist <file>", "the allowed ports, protocols and peers (YAML or JSON)")
    .option("--observed <file...>", "inventory or osquery result file(s) from the host")
    .option("--collect", "collect sockets from this machine")
    .option("--attempts <file>", "connection-attempt log (JSON Lines)")
    .option("--json", "print the evidence record as JSON")
    .action(
      run(async (opts: ObservedOptions & { allowlist: string; attempts?: string }): Promise<ExitCode> => {
        const allowlist = parseAllowlist(await readTextFile(opts.allowlist), opts.allowlist);
        const attempts = opts.attempts
          ? parseAttempts(await readTextFile(opts.attempts), opts.attempts)
          : undefined;
        const observed = opts.observed || opts.collect ? await observe(opts) : undefined;
        if (!observed && !attempts)
          throw new InputError({}, "--observed FILE, --collect or --attempts FILE (something to check)");
        const findings = [
          ...(observed ? portFindings(allowlist, observed) : []),
          ...(attempts
            ? [...unauthorisedAttempts(allowlist, attempts), ...denialOfService(allowlist, attempts)]
            : []),
        ];
        const obligations = [...(observed ? ["G2.4"] : []), "G2.1", ...(attempts ? ["G2.8"] : [])].sort();
        return report(
          io,
          opts.json,
          { system: allowlist.system, problems: observed?.problems ?? [], attempts: attempts?.length ?? 0 },
          evidence("ports", obligations, findings),
        );
      }),
    );

  runGroup
    .command("time")
    .description("Network Time against independent time sources over SNTP (G2.46-G2.47)")
    .requiredOption("--sources <file>", "the Network Time and independent sources (YAML or JSON)")
    .option("--json", "print the evidence record as JSON")
    .action(
      run(async (opts: { sources: string; json?: boolean }): Promise<ExitCode> => {
        const config = parseTimeSources(await readTextFile(opts.sources), opts.sources);
        const network = await Promise.all(config.networkTime.map((s) => measureSource(s, config)));
        const independent = await Promise.all(config.independent.map((s) => measureSource(s, config)));
        const findings = timeFindings(network, independent, config.thresholds);
        return report(
          io,
          opts.json,
          { measurements: { network, independent } },
          evidence("time", ["G2.47"], findings),
        );
      }),
    );
}

async function observe(opts: ObservedOptions): Promise<Inventory> {
  if (opts.collect && opts.observed)
    throw new InputError({}, "either --observed FILE or --collect, not both");
  if (opts.collect) return collectInventory();
  if (!opts.observed) throw new InputError({}, "--observed FILE or --collect");
  const parts: Inventory[] = [];
  for (const file of opts.observed) parts.push(parseInventoryFile(await readTextFile(file), file));
  return mergeInventories(parts);
}

function evidence(control: Evidence["control"], obligations: string[], findings: Finding[]): Evidence {
  return {
    control,
    ranAt: new Date().toISOString(),
    method: "test",
    obligations,
    findings: sortFindings(findings),
  };
}

function report(
  io: CliIo,
  json: boolean | undefined,
  extra: Record<string, unknown>,
  record: Evidence,
): ExitCode {
  if (json) printJson(io, { ...record, ...extra });
  else {
    const system = typeof extra.system === "string" ? ` on ${extra.system}` : "";
    io.out(
      `${record.control}${system} at ${record.ranAt} (${record.obligations.join(", ")}): ${record.findings.length} finding(s)\n`,
    );
    for (const f of record.findings)
      io.out(`  ${f.severity.toUpperCase()} ${f.clause} ${f.kind} ${f.subject}: ${f.detail}\n`);
  }
  return record.findings.length > 0 ? 1 : 0;
}
