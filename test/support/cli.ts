/**
 * Runs the CLI in process, as the binary would, and captures what it prints: {code, out, err}.
 */
import { runCli } from "../../src/cli/program.js";

export async function cliRun(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
