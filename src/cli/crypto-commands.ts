import type { Command } from "commander";
import {
  checkDccSupplied,
  classifyCryptoOperation,
  parseCryptoOperation,
  parseSuppliedRegister,
} from "../controls/crypto/index.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

export function registerCryptoCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("crypto")
    .description("Cryptographic Processing: which modules an operation must run in (G2.44-G2.45, G3.22)");
  group
    .command("classify")
    .description("classify one operation described in JSON or YAML (contract: crypto-operation.md)")
    .argument("<operation>", "the operation file")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { json?: boolean }): Promise<ExitCode> => {
        const result = classifyCryptoOperation(parseCryptoOperation(await readTextFile(file), file));
        if (opts.json) printJson(io, result);
        else io.out(`${result.requirement} (${result.clauses.join(", ")})\n${result.reason}\n`);
        return 0;
      }),
    );
  group
    .command("check-supplied")
    .description(
      "check the tokens and File Signing Software the DCC supplies against G2.37-G2.43; exit 1 on findings",
    )
    .argument("<register>", "the register of supplied items, supplies and vulnerabilities (YAML or JSON)")
    .option("--on <date>", "the date to judge on (default: today)")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { on?: string; json?: boolean }): Promise<ExitCode> => {
        const on = parseIsoDate(opts.on ?? londonDate(new Date()), { path: "--on" });
        const findings = checkDccSupplied(parseSuppliedRegister(await readTextFile(file), file), on);
        if (opts.json) printJson(io, { findings });
        else if (findings.length === 0) io.out(`no findings on ${on}\n`);
        else for (const f of findings) io.out(`${f.item}  ${f.clause}  ${f.severity}  ${f.detail}\n`);
        return findings.length === 0 ? 0 : 1;
      }),
    );
}
