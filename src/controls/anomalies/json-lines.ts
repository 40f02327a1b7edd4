import type { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { formatPath } from "../../common/structured-input.js";

/** One record of a JSON Lines file with the line it came from, so findings can point back at it. */
export type Numbered<T> = { readonly line: number; readonly value: T };

/**
 * Reads a JSON Lines file (one JSON object per line, blank lines ignored), validating each line
 * against a zod schema. The first bad line becomes an InputError naming the file, the line and the
 * key path, as parseStructured does for whole documents.
 */
export function parseJsonLines<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): Numbered<z.output<S>>[] {
  const records: Numbered<z.output<S>>[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "") continue;
    const line = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new InputError({ file, line }, "a JSON object on each line (this line is not valid JSON)");
    }
    const result = schema.safeParse(parsed, { reportInput: true });
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
      const path = formatPath(keys);
      throw new InputError({ file, line, ...(path === "" ? {} : { path }) }, describe(issue));
    }
    records.push({ line, value: result.data });
  }
  return records;
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return "no such key (unknown keys are refused so that a typo never changes the result)";
    case "invalid_type":
      return issue.input === undefined ? `a value (required ${issue.expected})` : `a ${issue.expected}`;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}
