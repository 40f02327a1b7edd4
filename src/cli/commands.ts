import type { Command } from "commander";
import type { CliIo } from "./io.js";
import type { Run } from "./program.js";

/** Every command group registers itself here; one line per group keeps the tree easy to read. */
export function registerCommands(program: Command, io: CliIo, run: Run): void {
  void program;
  void io;
  void run;
}
