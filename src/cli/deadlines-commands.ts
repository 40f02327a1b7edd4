import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { InputError, inFile } from "../common/input-error.js";
import { codeVersionOn } from "../obligations/applicability/applicable.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type DeadlinesAnswer, deadlinesFor, dueWithin } from "../obligations/deadlines/deadlines.js";
import { type DeadlineFacts, noFacts, parseFacts } from "../obligations/deadlines/facts.js";
import { renderCalendar } from "../obligations/ical/ical.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import { readProfileWithPeers } from "./profile-files.js";
import type { Run } from "./program.js";

function formatDeadlines(answer: DeadlinesAnswer): string {
  let text = `${answer.party} on ${answer.on}: ${answer.deadlines.length} deadline(s)\n`;
  for (const d of answer.deadlines) {
    const clauses = [d.clause, ...d.alsoClauses].join(", ");
    text += `${d.due.padEnd(20)} ${d.status.padEnd(8)} ${clauses.padEnd(20)} ${d.title}\n`;
    text += `${"".padEnd(30)} ${d.basis}\n`;
  }
  return text;
}

function days(text: string): number {
  if (!/^\d{1,4}$/.test(text))
    throw new InputError({ path: "--within" }, `a whole number of days from 0 to 9999 (got "${text}")`);
  return Number(text);
}

function inProfile<T>(file: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw inFile(error, file);
  }
}

async function readFacts(file: string | undefined): Promise<DeadlineFacts> {
  return file === undefined ? noFacts : parseFacts(await readTextFile(file), file);
}

export function registerDeadlinesCommands(program: Command, io: CliIo, run: Run): void {
  program
    .command("deadlines")
    .description(
      "every dated Section G duty of a party as a deadline, with overdue detection (exit 1 when any)",
    )
    .argument("<profile>", "the party profile (YAML or JSON)")
    .option("--profiles <dir>", "folder of other parties' profiles it refers to (shared resources)")
    .option(
      "--facts <file>",
      "the party's systems, people, incidents and SSC dates (YAML or JSON; docs/deadlines.md)",
    )
    .option("--on <date>", "the date to judge on (YYYY-MM-DD; default today in GB)")
    .option("--within <days>", "only open deadlines due within this many days (overdue ones always shown)")
    .option("--ics <file>", "also write the deadlines as an iCalendar (RFC 5545) file")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          file: string,
          opts: {
            profiles?: string;
            facts?: string;
            on?: string;
            within?: string;
            ics?: string;
            json?: boolean;
          },
        ): Promise<ExitCode> => {
          // The rules never read the clock; this face does.
          const on = parseIsoDate(opts.on ?? londonDate(new Date()), { path: "--on" });
          codeVersionOn(on, "--on");
          const within = opts.within === undefined ? undefined : days(opts.within);
          const { profile, peers } = await readProfileWithPeers(file, opts.profiles);
          const facts = await readFacts(opts.facts);
          // What the rules can still refuse here is the profile's assessment history.
          let deadlines = inProfile(file, () => deadlinesFor(profile, facts, on, peers));
          if (within !== undefined) deadlines = dueWithin(deadlines, on, within);
          const answer: DeadlinesAnswer = { party: profile.id, on, deadlines };
          if (opts.ics !== undefined) await writeFile(opts.ics, renderCalendar(answer));
          if (opts.json) printJson(io, answer);
          else io.out(formatDeadlines(answer));
          return deadlines.some((d) => d.status === "overdue") ? 1 : 0;
        },
      ),
    );
}
