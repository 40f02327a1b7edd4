import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { type FeedEvent, parseFeed } from "../controls/anomalies/index.js";
import { parseSigningEvents } from "../controls/keys/index.js";
import { londonDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { type CheckName, checkNames } from "../workspace/checks/evaluate.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore } from "./store-options.js";

type Options = {
  party: string;
  on?: string;
  data: string;
  json?: boolean;
  events?: string;
  feed?: string[];
  ecosLiveDate?: string;
};

/** `secg check run <check>`: a rule check over the stored registers, kept as evidence. */
export function registerCheckCommands(program: Command, io: CliIo, run: Run): void {
  program
    .command("check")
    .description("rule checks over the party's registers, stored with their findings")
    .command("run <check>")
    .description(
      `run a rule check (${checkNames.join(" or ")}) over the registers and store it; exit 1 on findings`,
    )
    .requiredOption("--party <id>", "the party whose registers are checked")
    .option("--on <date>", "the day judged, YYYY-MM-DD (default today in Great Britain)")
    .option("--events <file>", "keys: signing events as JSON Lines, checked against the keys register")
    .option(
      "--feed <files...>",
      "anomalies: feeds as JSON Lines (or `secg adt replay --json` output), beside the workspace's own",
    )
    .option("--ecos-live-date <date>", "certificates: the ECoS Service Live Date, YYYY-MM-DD, for G2.58")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print the run and its findings as JSON")
    .action(run((check: string, opts: Options) => runCheckCommand(io, check, opts)));
}

async function runCheckCommand(io: CliIo, check: string, opts: Options): Promise<ExitCode> {
  if (!(checkNames as readonly string[]).includes(check))
    throw new InputError({ path: "check" }, `one of ${checkNames.join(", ")} (got "${check}")`);
  const on = opts.on === undefined ? londonDate(new Date()) : parseIsoDate(opts.on, { path: "--on" });
  const events =
    opts.events === undefined ? undefined : parseSigningEvents(await readTextFile(opts.events), opts.events);
  const feeds: FeedEvent[] | undefined = opts.feed === undefined ? undefined : [];
  for (const file of opts.feed ?? []) feeds?.push(...parseFeed(await readTextFile(file), file));
  const ecosServiceLiveDate =
    opts.ecosLiveDate === undefined
      ? undefined
      : parseIsoDate(opts.ecosLiveDate, { path: "--ecos-live-date" });
  const { runCheck } = await import("../workspace/checks/run-check.js");
  const { findings, ...stored } = await withExistingStore(opts.data, (store) =>
    runCheck(
      store.db,
      store.clock,
      opts.party,
      check as CheckName,
      on,
      { actor: `cli:${userInfo().username}` },
      {
        ...(events === undefined ? {} : { events }),
        ...(feeds === undefined ? {} : { feeds }),
        ...(ecosServiceLiveDate === undefined ? {} : { ecosServiceLiveDate }),
      },
    ),
  );
  if (opts.json) printJson(io, { findings, run: stored });
  else {
    io.out(
      `${stored.control} for ${opts.party} on ${on} (${stored.obligations.join(", ") || "no binding clauses"}): ${findings.length} finding(s), stored as run ${stored.id}\n`,
    );
    for (const f of findings) io.out(`  ${f.severity.toUpperCase()} ${f.title}: ${f.detail}\n`);
  }
  return findings.length > 0 ? 1 : 0;
}
