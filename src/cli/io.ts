import { readFile } from "node:fs/promises";
import { InputError } from "../common/input-error.js";

/** Where a command writes; tests pass buffers, the binary passes the process streams. */
export type CliIo = {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
};

/** Exit codes of the CLI contract: 0 ok, 1 a check found a problem, 2 bad input. */
export type ExitCode = 0 | 1 | 2;

/** Each command action returns its exit code; the harness maps thrown InputErrors to 2. */
export type CommandResult = ExitCode | undefined;

export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a text input file, refusing binary content with a precise error rather than parsing noise. */
export async function readTextFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      { file },
      code === "ENOENT" ? "a readable file (it does not exist)" : `a readable file (${code})`,
    );
  }
  if (bytes.includes(0)) throw new InputError({ file }, "a text file (found binary content)");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  return text.replace(/^\uFEFF/, "");
}
