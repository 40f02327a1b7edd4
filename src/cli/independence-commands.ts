import type { Command } from "commander";
import { checkIndependence, checkPeople, parseRoster } from "../controls/people/index.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type CliIo, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

/** `secg independence check` (the contract) and `secg people check` (every rule over the same file). */
export function registerIndependenceCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("independence")
    .description("Personnel independence: G2.22B(c)-(d), G2.23-G2.24, G3.12-G3.13, G4.8");
  group
    .command("check")
    .description("check people and their engagements (contract: people.md); exit 1 on any violation")
    .argument("<people>", "the people file (YAML or JSON)")
    .option("--on <date>", "judge ongoing engagements as at this date (default: today)")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { on?: string; json?: boolean }) => {
        const asOf = parseIsoDate(opts.on ?? londonDate(new Date()), { path: "--on" });
        const violations = checkIndependence(parseRoster(await readTextFile(file), file), asOf);
        if (opts.json) printJson(io, { violations });
        else if (violations.length === 0)
          io.out(`no independence violations (ongoing work judged at ${asOf})\n`);
        else {
          for (const v of violations) io.out(`${v.person}  ${v.clause}  ${v.detail}\n`);
          io.out(`${violations.length} violation(s) (ongoing work judged at ${asOf})\n`);
        }
        return violations.length === 0 ? 0 : 1;
      }),
    );

  program
    .command("people")
    .description("The people register: independence (G2.22B-G2.24, G3.12-G3.13, G4.8) and G4.1-G4.7")
    .command("check")
    .description("check clearances, their annual reviews, screening and independence; exit 1 on any finding")
    .argument("<people>", "the people file (YAML or JSON, contract: people.md)")
    .option("--on <date>", "the date to judge on (default: today)")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { on?: string; json?: boolean }) => {
        const on = parseIsoDate(opts.on ?? londonDate(new Date()), { path: "--on" });
        const findings = checkPeople(parseRoster(await readTextFile(file), file), on);
        if (opts.json) printJson(io, { findings });
        else if (findings.length === 0) io.out(`no findings on ${on}\n`);
        else {
          for (const f of findings) io.out(`${f.person}  ${f.clause}  ${f.severity}  ${f.detail}\n`);
          io.out(`${findings.length} finding(s) on ${on}\n`);
        }
        return findings.length === 0 ? 0 : 1;
      }),
    );
}
