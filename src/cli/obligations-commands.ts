import type { Command } from "commander";
import { diffSections } from "../code/diff.js";
import {
  applicableObligations,
  codeVersionOn,
  type Obligation,
  type ObligationsAnswer,
} from "../obligations/applicability/applicable.js";
import { londonDate } from "../obligations/calendar/iso-date.js";
import { entryOn } from "../obligations/catalogue/index.js";
import { type ChangeImpact, changeImpact } from "../obligations/impact.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import { codeGroup, type LoadedDocument, loadDocuments } from "./code-commands.js";
import { type CliIo, type CommandResult, printJson } from "./io.js";
import { readProfileDir, readProfileWithPeers } from "./profile-files.js";
import type { Run } from "./program.js";

/** The words of the duty (or paragraph) behind an obligation id, for people reading the list. */
function summaryOf(id: string, version: string): string {
  const entry = entryOn(id.replace(/\(.*$/, ""), version);
  if (entry === undefined) return "";
  if (entry.kind === "duty") return entry.paragraphs?.find((p) => p.id === id)?.summary ?? entry.summary;
  return entry.summary;
}

/** The duty's words, then the first reason not already given in the heading above it. */
function line(ob: Obligation, known: readonly string[], version: string): string {
  const reason = ob.because.find((b) => !known.includes(b));
  const text = `  ${ob.id.padEnd(10)} ${summaryOf(ob.id, version)}\n`;
  return reason === undefined ? text : `${text}  ${"".padEnd(10)} why: ${reason}\n`;
}

export function formatObligations(answer: ObligationsAnswer): string {
  const { codeVersion: v } = answer;
  const assumed = v.dateAssumed ? ", date assumed" : "";
  let text = `${answer.party} on ${answer.on}, under Code version ${v.label} (in force from ${v.inForce}${assumed})\n`;
  text += `\nDuties on the party as such (${answer.partyObligations.length})\n`;
  if (answer.partyObligations.length === 0) text += "  none\n";
  for (const ob of answer.partyObligations) text += line(ob, [], v.label);
  for (const role of answer.roles) {
    text += `\nAs ${role.role} (${role.obligations.length}): ${role.because[0] ?? ""}\n`;
    if (role.obligations.length === 0) text += "  none\n";
    for (const ob of role.obligations) text += line(ob, role.because, v.label);
  }
  return text;
}

export function registerObligationsCommands(program: Command, io: CliIo, run: Run): void {
  program
    .command("obligations")
    .description(
      "the Section G duties that bind a party on a date, on it as such and in each User Role, and why",
    )
    .argument("<profile>", "party profile (YAML or JSON)")
    .option("--profiles <dir>", "folder of other parties' profiles it refers to (shared resources)")
    .option("--on <date>", "the date to answer for (YYYY-MM-DD; default today in GB)")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          file: string,
          opts: { profiles?: string; on?: string; json?: boolean },
        ): Promise<CommandResult> => {
          // The rules never read the clock; this face does.
          const on = opts.on ?? londonDate(new Date());
          codeVersionOn(on, "--on");
          const { profile, peers } = await readProfileWithPeers(file, opts.profiles);
          const answer = applicableObligations(profile, peers, on);
          if (opts.json) printJson(io, answer);
          else io.out(formatObligations(answer));
          return 0;
        },
      ),
    );
  registerImpactCommand(program, io, run);
}

export function formatImpact({ impacts }: ChangeImpact): string {
  if (impacts.length === 0) return "no clause added, removed or changed\n";
  return impacts
    .map(({ clause, change, duties, parties }) => {
      const owed =
        duties.length === 0
          ? "no duty in the catalogue"
          : `${duties.length} ${duties.length === 1 ? "duty" : "duties"}`;
      const who = parties.map((p) => {
        const where = [...(p.partyLevel ? ["as a party"] : []), ...p.roles];
        return `${p.party} (${where.join(", ")})`;
      });
      return `${clause.padEnd(8)} ${change.padEnd(8)} ${owed}; reaches ${who.length === 0 ? "no party" : who.join(", ")}\n`;
    })
    .join("");
}

/** `secg code impact OLD NEW --profiles DIR`: which parties and roles a change to the Code reaches. */
function registerImpactCommand(program: Command, io: CliIo, run: Run): void {
  codeGroup(program)
    .command("impact")
    .description(
      "the duties on each clause a new version adds, removes or changes, and the parties and roles that owe them",
    )
    .argument("<old>", "the earlier version: a file, or the label of a stored version")
    .argument("<new>", "the later version: a file, or the label of a stored version")
    .requiredOption("--profiles <dir>", "folder of party profiles to check")
    .option(
      "--data <dir>",
      "the workspace holding stored versions, for OLD/NEW given as labels",
      defaultDataDir,
    )
    .option("--on <date>", "the date whose obligations count (YYYY-MM-DD; default today in GB)")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          oldRef: string,
          newRef: string,
          opts: { profiles: string; on?: string; data: string; json?: boolean },
        ): Promise<CommandResult> => {
          const on = opts.on ?? londonDate(new Date());
          codeVersionOn(on, "--on");
          const [before, after] = (await loadDocuments([oldRef, newRef], opts.data)) as [
            LoadedDocument,
            LoadedDocument,
          ];
          const profiles = await readProfileDir(opts.profiles);
          const impact = changeImpact(
            diffSections(before.document, after.document),
            [...profiles.values()],
            on,
          );
          if (opts.json) printJson(io, impact);
          else io.out(formatImpact(impact));
          return 0;
        },
      ),
    );
}
