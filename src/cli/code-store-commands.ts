import { userInfo } from "node:os";
import { basename } from "node:path";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import type { StoredEffect, VersionSummary } from "../workspace/code-versions.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { Store } from "../workspace/store.js";
import { codeGroup } from "./code-commands.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withStore as withStoreAt } from "./store-options.js";

type StoreOptions = { data: string; json?: boolean };

/** The service names fields as the API does; on the command line they are options. */
const optionFor: Record<string, string> = {
  label: "--label",
  inForce: "--in-force",
  madeBy: "--made-by",
  from: "--from",
  to: "--to",
  on: "--on",
  id: "<clause>",
};

/** `secg code import|show|versions|effects`: the Code's versions in the workspace store. */
export function registerCodeStoreCommands(program: Command, io: CliIo, run: Run): void {
  const code = codeGroup(program);

  code
    .command("import")
    .description("store a version of Section G in the workspace, with its effects on the version before it")
    .argument("<file>", "the section document (plain text or Markdown)")
    .requiredOption("--label <label>", "the version's name, e.g. G-2024")
    .requiredOption("--in-force <date>", "the day it came into force, YYYY-MM-DD")
    .option("--made-by <modification>", "the modification that made it, e.g. DP087")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (
          file: string,
          opts: StoreOptions & { label: string; inForce: string; madeBy?: string },
        ): Promise<ExitCode> => {
          const inForce = parseIsoDate(opts.inForce, { path: "--in-force" });
          const text = await readTextFile(file);
          const { version, created, problems } = await withStore(opts.data, (store) =>
            store.codeVersions.importVersion(
              {
                text,
                label: opts.label,
                inForce,
                sourceName: basename(file),
                ...(opts.madeBy === undefined ? {} : { madeBy: opts.madeBy }),
              },
              { actor: `cli:${userInfo().username}` },
            ),
          );
          for (const { line, message } of problems) io.err(`${file}:${line}: warning: ${message}\n`);
          if (opts.json) printJson(io, { version, created });
          else if (created) io.out(`Stored ${describe(version)}\n`);
          else io.out(`Already stored, nothing changed: ${describe(version)}\n`);
          return 0;
        },
      ),
    );

  code
    .command("show")
    .description("print a clause as it stood on a date, from the version then in force")
    .argument("<clause>", "a clause id such as G3.20")
    .option("--on <date>", "the date, YYYY-MM-DD (default: today in the UK)")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (id: string, opts: StoreOptions & { on?: string }): Promise<ExitCode> => {
        const on = opts.on === undefined ? londonDate(new Date()) : parseIsoDate(opts.on, { path: "--on" });
        const found = await withStore(opts.data, (store) => store.codeVersions.clauseOn(id, on));
        if (!found.found) {
          io.err(
            found.reason === "no-version-in-force"
              ? `secg: no stored version of the Code was in force on ${on}\n`
              : `secg: ${id} is not in ${found.version.label}, the version in force on ${on}\n`,
          );
          return 1;
        }
        const { version, clause } = found;
        if (opts.json) printJson(io, { version, clause });
        else {
          const heading = clause.heading ? ` (${clause.heading})` : "";
          io.out(`${clause.id}${heading}: version ${version.label}, in force from ${version.inForce}\n\n`);
          io.out(`${clause.text}\n`);
        }
        return 0;
      }),
    );

  code
    .command("versions")
    .description("list the versions of the Code in the workspace, oldest first")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: StoreOptions): Promise<ExitCode> => {
        const versions = await withStore(opts.data, (store) => store.codeVersions.listVersions());
        if (opts.json) printJson(io, { versions });
        else if (versions.length === 0) io.out("No versions stored yet (secg code import FILE ...).\n");
        else for (const version of versions) io.out(`${describe(version)}\n`);
        return 0;
      }),
    );

  code
    .command("effects")
    .description("list the effects register: what each version did to the one before it")
    .option("--from <label>", "only effects made after this version")
    .option("--to <label>", "only effects made up to and including this version")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: StoreOptions & { from?: string; to?: string }): Promise<ExitCode> => {
        const range = {
          ...(opts.from === undefined ? {} : { from: opts.from }),
          ...(opts.to === undefined ? {} : { to: opts.to }),
        };
        const effects = await withStore(opts.data, (store) => store.codeVersions.effects(range));
        if (opts.json) printJson(io, { effects });
        else if (effects.length === 0) io.out("No effects recorded in that range.\n");
        else for (const effect of effects) io.out(`${describeEffect(effect)}\n`);
        return 0;
      }),
    );
}

/** The store for one command, with the service's field paths named as the options people typed. */
async function withStore<T>(dataDir: string, use: (store: Store) => Promise<T>): Promise<T> {
  try {
    return await withStoreAt(dataDir, use);
  } catch (error) {
    const option = error instanceof InputError ? optionFor[error.where.path ?? ""] : undefined;
    if (error instanceof InputError && option)
      throw new InputError({ ...error.where, path: option }, error.expected);
    throw error;
  }
}

function describe(version: VersionSummary): string {
  const madeBy = version.madeBy ? `, made by ${version.madeBy}` : "";
  return `${version.label}: in force from ${version.inForce}${madeBy}, ${version.clauseCount} clauses (${version.sourceName})`;
}

function describeEffect(effect: StoredEffect): string {
  const by = effect.madeBy ? ` by ${effect.madeBy}` : "";
  const renumbered = effect.renumberedFrom ? ` from ${effect.renumberedFrom}` : "";
  return `${effect.to}${by}: ${effect.clauseId} ${effect.kind}${renumbered} (since ${effect.from})`;
}
