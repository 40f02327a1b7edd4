import type { Command } from "commander";
import { classifyIncident, parseIncident } from "../controls/incidents/classify.js";
import type { Duty } from "../controls/incidents/policy.js";
import { parseVulnerability, planVulnerability } from "../controls/incidents/vulnerability.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import { readProfile } from "./profile-files.js";
import type { Run } from "./program.js";

export function registerIncidentCommands(program: Command, io: CliIo, run: Run): void {
  const printDuties = (duties: readonly Duty[]) => {
    for (const d of duties)
      io.out(`  ${d.clause}  ${d.action}  (due ${d.due ?? "as the Code says, no time configured"})\n`);
  };
  program
    .command("incident")
    .description(
      "Security incidents: Major or not, and the duties triggered (G2.10-G2.11, G3.4-G3.8, G5.2, G5.16)",
    )
    .command("classify")
    .argument("<incident>", "the incident (YAML or JSON)")
    .requiredOption("--party <profile>", "the party profile of the DCC or User it happened to")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { party: string; json?: boolean }): Promise<ExitCode> => {
        const incident = parseIncident(await readTextFile(file), file);
        const result = classifyIncident(incident, await readProfile(opts.party), file);
        if (opts.json) printJson(io, result);
        else {
          io.out(
            `${result.incident}: ${result.major ? "a Major Security Incident" : "not a Major Security Incident"} (${result.because.join(", ")})\n`,
          );
          printDuties(result.duties);
        }
        return 0;
      }),
    );
  program
    .command("vulnerability")
    .description("Security vulnerabilities: who to tell and what to do (G2.31-G2.36, G3.9(b), G3.17-G3.19)")
    .command("plan")
    .argument("<vulnerability>", "the vulnerability (YAML or JSON)")
    .requiredOption("--party <profile>", "the party profile of the DCC or User that became aware of it")
    .option("--json", "print the result as JSON")
    .action(
      run(async (file: string, opts: { party: string; json?: boolean }): Promise<ExitCode> => {
        const vulnerability = parseVulnerability(await readTextFile(file), file);
        const plan = planVulnerability(vulnerability, await readProfile(opts.party), file);
        if (opts.json) printJson(io, plan);
        else {
          io.out(`${plan.vulnerability}:\n`);
          printDuties(plan.duties);
          for (const w of plan.waived) io.out(`  ${w.clause}  not required: ${w.because}\n`);
        }
        return 0;
      }),
    );
}
