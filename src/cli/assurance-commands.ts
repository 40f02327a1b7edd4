import type { Command } from "commander";
import { InputError, inFile } from "../common/input-error.js";
import { type AssurancePlan, defaultCount, maxCount, planAssurance } from "../obligations/assurance/plan.js";
import { type CliIo, type ExitCode, printJson } from "./io.js";
import { readProfileWithPeers } from "./profile-files.js";
import type { Run } from "./program.js";

/** Runs the planner, placing a history problem it finds in the profile's file. */
function inProfile<T>(file: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw inFile(error, file);
  }
}

function printPlan(io: CliIo, plan: AssurancePlan): void {
  io.out(`${plan.party}\n`);
  for (const line of plan.because) io.out(`  ${line}\n`);
  if (plan.next.length === 0) io.out("no User Security Assessments to plan\n");
  for (const a of plan.next)
    io.out(`${a.due ?? "(no date yet)"}  ${a.category}  ${a.clause}\n  ${a.because}\n`);
}

export function registerAssuranceCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("assurance")
    .description("User Security Assessments: G8.33, G8.40-G8.50, G8.63, G12.8");
  group
    .command("plan")
    .description("the next User Security Assessments a party owes, with the last day to book each")
    .argument("<profile>", "the party profile (YAML or JSON)")
    .option(
      "--profiles <dir>",
      "a folder of other parties' profiles, for shared resources (G8.43, G8.46, G8.63)",
    )
    .option("--count <n>", `how many assessments to plan (1-${maxCount})`, String(defaultCount))
    .option("--json", "print the plan as JSON")
    .action(
      run(
        async (
          file: string,
          opts: { profiles?: string; count: string; json?: boolean },
        ): Promise<ExitCode> => {
          const count = /^\d{1,4}$/.test(opts.count) ? Number(opts.count) : Number.NaN;
          if (!(count >= 1 && count <= maxCount)) {
            throw new InputError(
              { path: "--count" },
              `a whole number from 1 to ${maxCount} (got "${opts.count}")`,
            );
          }
          const { profile, peers } = await readProfileWithPeers(file, opts.profiles);
          const plan = inProfile(file, () => planAssurance(profile, peers, count));
          if (opts.json) printJson(io, plan);
          else printPlan(io, plan);
          return 0;
        },
      ),
    );
}
