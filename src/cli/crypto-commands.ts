import type { Command } from "commander";
import { classifyCryptoOperation } from "../controls/crypto/classify.js";
import { parseCryptoOperation } from "../controls/crypto/operation.js";
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
}
