import { userInfo } from "node:os";
import type { Command } from "commander";
import { stringify } from "yaml";
import { InputError } from "../common/input-error.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { StoredPolicy } from "../workspace/party-policy.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore } from "./store-options.js";

type Options = { party: string; data: string; json?: boolean };

const dataOption = ["--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)"] as const;

/**
 * `secg party policy show|set`: the party's own periods and thresholds that the rule checks take
 * (docs/rule-checks.md). Added under `secg party`, which must be registered first.
 */
export function registerPartyPolicyCommands(program: Command, io: CliIo, run: Run): void {
  const party = program.commands.find((c) => c.name() === "party");
  if (party === undefined) throw new Error("register the party commands before the party policy commands");
  const policy = party.command("policy").description("the party's security policy, read by the rule checks");

  policy
    .command("show")
    .description("print the party's policy as YAML (empty when it has set none)")
    .requiredOption("--party <id>", "the party")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON with its version and SHA-256")
    .action(
      run(async (opts: Options): Promise<ExitCode> => {
        const stored = await withExistingStore(opts.data, async (store) => {
          const { partyPoliciesOf } = await import("../workspace/party-policy.js");
          return partyPoliciesOf(store.db, store.clock).get(opts.party);
        });
        if (stored === undefined)
          throw new InputError({ path: "--party" }, `a stored party (there is no party "${opts.party}")`);
        show(io, stored, opts.json);
        return 0;
      }),
    );

  policy
    .command("set")
    .description("replace the party's policy with the one in FILE (YAML or JSON); audited")
    .argument("<file>", "the policy (YAML or JSON)")
    .requiredOption("--party <id>", "the party")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON with its version and SHA-256")
    .action(
      run(async (file: string, opts: Options): Promise<ExitCode> => {
        const text = await readTextFile(file);
        const { stored, outcome } = await withExistingStore(opts.data, async (store) => {
          const { partyPoliciesOf } = await import("../workspace/party-policy.js");
          return partyPoliciesOf(store.db, store.clock).set(opts.party, text, file, {
            actor: `cli:${userInfo().username}`,
          });
        });
        if (!opts.json) io.out(`policy of ${opts.party} ${outcome} (version ${stored.version})\n`);
        show(io, stored, opts.json, outcome);
        return 0;
      }),
    );
}

function show(io: CliIo, stored: StoredPolicy, json: boolean | undefined, outcome?: string): void {
  if (json) printJson(io, { ...stored, ...(outcome === undefined ? {} : { outcome }) });
  else if (stored.version === 0) io.out("No policy set: the rule checks use their defaults.\n");
  else io.out(stringify(stored.policy));
}
