/**
 * Bad input is reported, never guessed around: every parser and validator throws an InputError
 * naming where the problem is (file, line and/or key path) and what was expected there. The CLI
 * turns it into exit code 2 and a one-line message; the API into a 400 with the same fields.
 */
export type Where = { readonly file?: string; readonly line?: number; readonly path?: string };

export class InputError extends Error {
  readonly where: Where;
  readonly expected: string;

  constructor(where: Where, expected: string) {
    super(`${formatWhere(where)}expected ${expected}`);
    this.name = "InputError";
    this.where = where;
    this.expected = expected;
  }
}

function formatWhere({ file, line, path }: Where): string {
  const place = [file, line === undefined ? undefined : String(line)].filter(Boolean).join(":");
  const parts = [place, path === undefined ? undefined : `at ${path}`].filter(Boolean);
  return parts.length ? `${parts.join(" ")}: ` : "";
}

/** The same error located in a file, when the thrower only knew a line or key path. */
export function inFile(error: unknown, file: string): unknown {
  if (error instanceof InputError && error.where.file === undefined) {
    return new InputError({ ...error.where, file }, error.expected);
  }
  return error;
}
