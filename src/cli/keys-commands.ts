import type { Command } from "commander";
import { checkModuleRegister, parseModuleRegister } from "../controls/crypto/index.js";
import {
  checkKeyUse,
  checkOrganisationCertificates,
  parseCertificateRegister,
  parseKeyRegister,
  parseSigningEvents,
} from "../controls/keys/index.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

/**
 * `secg keys check`, `secg keys check-certificates` and `secg crypto check-register`. The second joins the `crypto` group that
 * crypto-commands.ts creates (so it must be registered after it), keeping the register check
 * beside `crypto classify`, whose answers it applies.
 */
export function registerKeysCommands(program: Command, io: CliIo, run: Run): void {
  const crypto = program.commands.find((c) => c.name() === "crypto") ?? program.command("crypto");
  crypto
    .command("check-register")
    .description("check each key's module against the FIPS 140-2 Level 3 duty of G2.44; exit 1 on findings")
    .argument("<register>", "the module and key register (YAML or JSON)")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { json?: boolean }): Promise<ExitCode> => {
        const findings = checkModuleRegister(parseModuleRegister(await readTextFile(file), file));
        if (opts.json) printJson(io, { findings });
        else if (findings.length === 0)
          io.out("every key needing FIPS 140-2 Level 3 lives in a Level 3 module\n");
        else for (const f of findings) io.out(`${f.key}  ${f.clause}  ${f.detail}\n`);
        return findings.length === 0 ? 0 : 1;
      }),
    );

  const keys = program.command("keys").description("Key use: which key may sign what (G2.56-G2.61, G3.29)");
  keys
    .command("check")
    .description("check signing events against the key register; exit 1 on findings")
    .requiredOption("--register <file>", "the key register (YAML or JSON)")
    .requiredOption("--events <file>", "signing events, one JSON object per line")
    .option("--json", "print the result as JSON")
    .action(
      run(async (opts: { register: string; events: string; json?: boolean }): Promise<ExitCode> => {
        const register = parseKeyRegister(await readTextFile(opts.register), opts.register);
        const events = parseSigningEvents(await readTextFile(opts.events), opts.events);
        const findings = checkKeyUse(register, events);
        if (opts.json) printJson(io, { checked: events.length, findings });
        else {
          for (const f of findings)
            io.out(
              `${f.line === null ? opts.register : `${opts.events}:${f.line}`}  ${f.clause}  ${f.detail}\n`,
            );
          io.out(`${events.length} signature(s) checked, ${findings.length} finding(s)\n`);
        }
        return findings.length === 0 ? 0 : 1;
      }),
    );

  keys
    .command("check-certificates")
    .description("check the DCC's Organisation Certificates against G2.57-G2.59; exit 1 on findings")
    .argument("<register>", "the certificate register (YAML or JSON)")
    .option("--on <date>", "the date to judge on (default: today)")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { on?: string; json?: boolean }): Promise<ExitCode> => {
        const on = parseIsoDate(opts.on ?? londonDate(new Date()), { path: "--on" });
        const findings = checkOrganisationCertificates(
          parseCertificateRegister(await readTextFile(file), file),
          on,
        );
        if (opts.json) printJson(io, { findings });
        else if (findings.length === 0) io.out(`no findings on ${on}\n`);
        else for (const f of findings) io.out(`${f.certificate}  ${f.clause}  ${f.severity}  ${f.detail}\n`);
        return findings.length === 0 ? 0 : 1;
      }),
    );
}
