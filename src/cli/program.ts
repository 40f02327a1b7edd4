import { Command, CommanderError } from "commander";
import { InputError } from "../common/input-error.js";
import { registerCommands } from "./commands.js";
import type { CliIo, CommandResult, ExitCode } from "./io.js";

/**
 * Runs the secg CLI in-process and returns its exit code, so that tests exercise the real
 * command tree without spawning a process or building first.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exit: ExitCode = 0;
  const program = new Command("secg")
    .description("SEC Section G (Security): the Code as data, obligations as rules, controls running")
    .version(process.env.npm_package_version ?? "0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError(false);

  const run =
    <A extends unknown[]>(action: (...args: A) => Promise<CommandResult> | CommandResult) =>
    async (...args: A): Promise<void> => {
      exit = (await action(...args)) ?? 0;
    };
  registerCommands(program, io, run);

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`secg: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return exit;
}

/** Wraps an action so its exit code reaches runCli; passed to every command module. */
export type Run = <A extends unknown[]>(
  action: (...args: A) => Promise<CommandResult> | CommandResult,
) => (...args: A) => Promise<void>;
