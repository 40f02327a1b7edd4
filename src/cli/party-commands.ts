import { mkdir, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { stringify } from "yaml";
import { InputError } from "../common/input-error.js";
import type { PartyProfile } from "../obligations/profile.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import { type PutResult, partiesOf, type StoredParty } from "../workspace/parties.js";
import { type CliIo, type ExitCode, printJson } from "./io.js";
import { readProfile } from "./profile-files.js";
import type { Run } from "./program.js";
import { withStore } from "./store-options.js";

type StoreOpts = { data: string; json?: boolean };

const dataOption = ["--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)"] as const;

/** `secg party import|list|export`: the parties register in the workspace store. */
export function registerPartyCommands(program: Command, io: CliIo, run: Run): void {
  const party = program.command("party").description("the parties register in the workspace store");

  party
    .command("import")
    .description("store or update parties from profile files, all or none (every file is checked first)")
    .argument("<profiles...>", "party profiles (YAML or JSON)")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (files: string[], opts: StoreOpts): Promise<ExitCode> => {
        const profiles = await readAll(files);
        const results = await withStore(opts.data, (store) =>
          partiesOf(store.db, store.clock).putAll(profiles, { actor: `cli:${userInfo().username}` }),
        );
        if (opts.json) printJson(io, { parties: results.map(summaryOfResult) });
        else for (const result of results) io.out(`${describeResult(result)}\n`);
        return 0;
      }),
    );

  party
    .command("list")
    .description("list the stored parties")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: StoreOpts): Promise<ExitCode> => {
        const stored = await withStore(opts.data, (store) => partiesOf(store.db, store.clock).list());
        if (opts.json) printJson(io, { parties: stored.map(summary) });
        else if (stored.length === 0) io.out("No parties stored yet (secg party import PROFILE ...).\n");
        else for (const p of stored) io.out(`${describeParty(p)}\n`);
        return 0;
      }),
    );

  party
    .command("export")
    .description("write every stored party as a YAML profile that `secg party import` reads back")
    .option("--out <dir>", "the folder to write <id>.yaml files into", ".")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: StoreOpts & { out: string }): Promise<ExitCode> => {
        const stored = await withStore(opts.data, (store) => partiesOf(store.db, store.clock).list());
        try {
          await mkdir(opts.out, { recursive: true });
        } catch {
          throw new InputError({ path: "--out" }, `a folder that can be created (${opts.out} cannot)`);
        }
        const files: string[] = [];
        for (const p of stored) {
          const file = join(opts.out, `${p.id}.yaml`);
          await writeFile(file, profileYaml(p.profile), "utf8");
          files.push(file);
        }
        if (opts.json) printJson(io, { files });
        else io.out(`Wrote ${files.length} profile${files.length === 1 ? "" : "s"} to ${opts.out}\n`);
        return 0;
      }),
    );
}

/** Every file is read and validated before anything is stored; the first bad one names itself. */
async function readAll(files: readonly string[]): Promise<PartyProfile[]> {
  const profiles: PartyProfile[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const profile = await readProfile(file);
    const other = fileOf.get(profile.id);
    if (other !== undefined) {
      throw new InputError(
        { file, path: "id" },
        `a party id not used by another file of the import ("${profile.id}" is in ${other})`,
      );
    }
    fileOf.set(profile.id, file);
    profiles.push(profile);
  }
  return profiles;
}

export function profileYaml(profile: PartyProfile): string {
  return stringify(profile, { lineWidth: 0 });
}

function summary(p: StoredParty) {
  return {
    id: p.id,
    name: p.name,
    kind: p.profile.kind,
    roles: p.profile.roles.map((r) => r.role),
    updatedAt: p.updatedAt,
  };
}

function summaryOfResult(result: PutResult) {
  return { ...summary(result.party), outcome: result.outcome };
}

function describeParty(p: StoredParty): string {
  const roles = p.profile.roles.map((r) => r.role).join(", ") || "no User Roles";
  return `${p.id}: ${p.name} (${p.profile.kind === "dcc" ? "the DCC" : roles}), updated ${p.updatedAt}`;
}

function describeResult({ party, outcome }: PutResult): string {
  const verb = { created: "Stored", updated: "Updated", unchanged: "Unchanged" }[outcome];
  return `${verb} ${party.id}: ${party.name}`;
}
