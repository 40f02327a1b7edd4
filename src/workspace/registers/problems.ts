import type { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { formatPath } from "../../common/structured-input.js";

/**
 * Everything wrong with a record or a whole import, reported at once: a register import is checked
 * in full before anything is stored, so people fix every line in one go rather than one per try.
 */
export type Problem = { readonly line?: number; readonly path?: string; readonly expected: string };

export class RegisterProblems extends InputError {
  readonly problems: readonly Problem[];

  constructor(file: string | undefined, problems: readonly [Problem, ...Problem[]]) {
    const at = (p: Problem) => ({
      ...(file === undefined ? {} : { file }),
      ...(p.line === undefined ? {} : { line: p.line }),
      ...(p.path === undefined ? {} : { path: p.path }),
    });
    super(at(problems[0]), problems[0].expected);
    this.name = "RegisterProblems";
    this.problems = problems;
    if (problems.length > 1) {
      this.message = [
        `${problems.length} problems, nothing was stored:`,
        ...problems.map((p) => new InputError(at(p), p.expected).message),
      ].join("\n");
    }
  }
}

/** Throws when there is anything to report. */
export function refuseIfAny(file: string | undefined, problems: readonly Problem[]): void {
  const [first, ...rest] = problems;
  if (first) throw new RegisterProblems(file, [first, ...rest]);
}

/** A schema's issues as problems at their key paths (under `prefix`, e.g. a JSON item's index). */
export function problemsOf(
  error: z.ZodError,
  where: { line?: number; prefix?: readonly PropertyKey[] },
): Problem[] {
  return error.issues.map((issue) => {
    const keys = [...(where.prefix ?? []), ...issue.path];
    const path = formatPath(issue.code === "unrecognized_keys" ? [...keys, issue.keys[0]!] : keys);
    return {
      ...(where.line === undefined ? {} : { line: where.line }),
      ...(path === "" ? {} : { path }),
      expected: describe(issue),
    };
  });
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return "no such field (unknown fields are refused so that a typo never goes unnoticed)";
    case "invalid_type":
      return issue.input === undefined
        ? `a value (it is required, ${issue.expected})`
        : `${/^[aeiou]/.test(issue.expected) ? "an" : "a"} ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}
