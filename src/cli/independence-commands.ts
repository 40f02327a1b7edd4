import type { Command } from "commander";
import { checkIndependence } from "../controls/people/independence.js";
import { parseRoster } from "../controls/people/roster.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type CliIo, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

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
}
