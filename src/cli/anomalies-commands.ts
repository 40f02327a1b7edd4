import type { Command } from "commander";
import { detectAnomalies } from "../controls/anomalies/detect.js";
import { parseFeed } from "../controls/anomalies/feed.js";
import { parseRuleSet } from "../controls/anomalies/rules.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

export function registerAnomaliesCommands(program: Command, io: CliIo, run: Run): void {
  program
    .command("anomalies")
    .description("Anomalous Events: threshold rules over monitoring feeds (G2.29-G2.30, G3.15-G3.16)")
    .command("detect")
    .description("run the rules over the feeds and list candidate incidents; exit 1 when any")
    .requiredOption("--rules <file>", "the rules (YAML or JSON)")
    .requiredOption("--feed <files...>", "feeds: JSON Lines of events, or `secg adt replay --json` output")
    .option("--json", "print the result as JSON")
    .action(
      run(async (opts: { rules: string; feed: string[]; json?: boolean }): Promise<ExitCode> => {
        const rules = parseRuleSet(await readTextFile(opts.rules), opts.rules);
        const events = [];
        for (const file of opts.feed) events.push(...parseFeed(await readTextFile(file), file));
        const candidates = detectAnomalies(rules, events);
        if (opts.json) printJson(io, { events: events.length, candidates });
        else {
          for (const c of candidates) {
            const when = c.window === null ? "in the replay" : `${c.window.from} to ${c.window.to}`;
            io.out(
              `${c.rule}  ${c.clause}  ${c.count} event(s) ${when}${c.group === null ? "" : ` for ${c.group}`}; act under ${c.respond}\n`,
            );
          }
          io.out(`${events.length} event(s) read, ${candidates.length} candidate incident(s)\n`);
        }
        return candidates.length === 0 ? 0 : 1;
      }),
    );
}
