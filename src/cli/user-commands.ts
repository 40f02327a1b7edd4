import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { parseIsoDate } from "../obligations/calendar/iso-date.js";
import {
  everyParty,
  type Membership,
  type WorkspaceRole,
  workspaceRoles,
} from "../workspace/access/principal.js";
import { checkScopes, tokensOf } from "../workspace/auth/tokens.js";
import { type User, usersOf } from "../workspace/auth/users.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { Store } from "../workspace/store.js";
import { type CliIo, type ExitCode, printJson } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore, withStore } from "./store-options.js";

type StoreOpts = { data: string; json?: boolean };
type RoleOpts = StoreOpts & { role: string; party: string };

const dataOption = ["--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)"] as const;
const roleOption = ["--role <role>", `one of ${workspaceRoles.join(", ")}`] as const;
const partyOption = ["--party <party>", `a party id, or "${everyParty}" for every party`] as const;

/**
 * `secg user add|list|grant|reset-password|disable|token create`: the people who may sign in. The
 * CLI acts as the holder of the data folder, so its changes are audited as `cli:<os user>`.
 * One-time passwords and token secrets are printed once and never stored.
 */
export function registerUserCommands(program: Command, io: CliIo, run: Run): void {
  const user = program.command("user").description("the users who may sign in to the workspace");
  const origin = () => ({ actor: `cli:${userInfo().username}` });

  user
    .command("add")
    .description("add a user with one membership; prints a one-time password")
    .argument("<username>")
    .requiredOption(...roleOption)
    .requiredOption(...partyOption)
    .option("--display-name <name>", "the name people see (default: the username)")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (username: string, opts: RoleOpts & { displayName?: string }): Promise<ExitCode> => {
        const membership = membershipOf(opts);
        const created = await withStore(opts.data, (store) =>
          usersOf(store.db, store.clock).create(
            {
              username,
              memberships: [membership],
              ...(opts.displayName === undefined ? {} : { displayName: opts.displayName }),
            },
            origin(),
          ),
        );
        const password = created.oneTimePassword!;
        if (opts.json) printJson(io, { user: created.user, oneTimePassword: password });
        else io.out(`${describe(created.user)}\n${oneTimeText(password)}`);
        return 0;
      }),
    );

  user
    .command("list")
    .description("list the users and their memberships")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: StoreOpts): Promise<ExitCode> => {
        const all = await withExistingStore(opts.data, (store) => usersOf(store.db, store.clock).list());
        if (opts.json) printJson(io, { users: all });
        else if (all.length === 0)
          io.out("No users yet (secg user add USERNAME --role ROLE --party PARTY).\n");
        else for (const u of all) io.out(`${describe(u)}\n`);
        return 0;
      }),
    );

  user
    .command("grant")
    .description("give a user one more membership")
    .argument("<username>")
    .requiredOption(...roleOption)
    .requiredOption(...partyOption)
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (username: string, opts: RoleOpts): Promise<ExitCode> => {
        const membership = membershipOf(opts);
        const updated = await withExistingStore(opts.data, async (store) => {
          const users = usersOf(store.db, store.clock);
          return users.grant((await existing(store, username)).id, membership, origin());
        });
        if (opts.json) printJson(io, { user: updated });
        else io.out(`${describe(updated!)}\n`);
        return 0;
      }),
    );

  user
    .command("reset-password")
    .description("replace a user's password with a one-time one (ends their sessions); prints it")
    .argument("<username>")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (username: string, opts: StoreOpts): Promise<ExitCode> => {
        const password = await withExistingStore(opts.data, async (store) =>
          usersOf(store.db, store.clock).resetPassword((await existing(store, username)).id, origin()),
        );
        if (opts.json) printJson(io, { username, oneTimePassword: password });
        else io.out(oneTimeText(password!));
        return 0;
      }),
    );

  user
    .command("disable")
    .description("disable a user: their sessions end and their API tokens are revoked")
    .argument("<username>")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (username: string, opts: StoreOpts): Promise<ExitCode> => {
        const updated = await withExistingStore(opts.data, async (store) =>
          usersOf(store.db, store.clock).update(
            (await existing(store, username)).id,
            { disabled: true },
            origin(),
          ),
        );
        if (opts.json) printJson(io, { user: updated });
        else io.out(`${describe(updated!)}\n`);
        return 0;
      }),
    );

  user
    .command("token")
    .description("API tokens")
    .command("create")
    .description("issue an API token to a user; prints its secret, which is shown only now")
    .argument("<username>")
    .requiredOption("--scopes <scopes>", "comma-separated: read, write, admin")
    .option("--name <name>", "what the token is for", "cli")
    .option("--expires <date>", "YYYY-MM-DD (the token stops working at the start of that day, UTC)")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (
          username: string,
          opts: StoreOpts & { scopes: string; name: string; expires?: string },
        ): Promise<ExitCode> => {
          const scopes = checkScopes(
            opts.scopes.split(",").map((s) => s.trim()),
            "--scopes",
          );
          const expiresAt =
            opts.expires === undefined
              ? undefined
              : new Date(`${parseIsoDate(opts.expires, { path: "--expires" })}T00:00:00Z`);
          const issued = await withExistingStore(opts.data, async (store) =>
            tokensOf(store.db, store.clock).issue(
              (await existing(store, username)).id,
              { name: opts.name, scopes, ...(expiresAt === undefined ? {} : { expiresAt }) },
              origin(),
            ),
          );
          if (opts.json) printJson(io, issued);
          else {
            io.out(
              `Token ${issued.token.id} (${scopes.join(", ")}) for ${username}; send it as ` +
                `"Authorization: Bearer <token>". Shown only now:\n  ${issued.secret}\n`,
            );
          }
          return 0;
        },
      ),
    );
}

function membershipOf(opts: { role: string; party: string }): Membership {
  if (!(workspaceRoles as readonly string[]).includes(opts.role)) {
    throw new InputError(
      { path: "--role" },
      `one of ${workspaceRoles.join(", ")} (got ${JSON.stringify(opts.role)})`,
    );
  }
  return { party: opts.party, role: opts.role as WorkspaceRole };
}

async function existing(store: Store, username: string): Promise<User> {
  const found = await usersOf(store.db, store.clock).find(username);
  if (!found) throw new InputError({ path: "<username>" }, `an existing username (no user ${username})`);
  return found;
}

function describe(user: User): string {
  const roles = user.memberships.map((m) => `${m.role}@${m.party}`).join(", ") || "no memberships";
  const flags = [
    user.disabled ? "disabled" : "",
    user.mustChangePassword ? "must change password" : "",
  ].filter(Boolean);
  return `${user.username} (${user.displayName}): ${roles}${flags.length ? ` [${flags.join("; ")}]` : ""}`;
}

function oneTimeText(password: string): string {
  return `One-time password (shown only now; it must be changed at first sign-in):\n  ${password}\n`;
}
