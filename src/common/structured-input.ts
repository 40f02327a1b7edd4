import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { InputError } from "./input-error.js";

/**
 * Reads a YAML or JSON document (JSON is read as YAML, so both get line numbers) and validates it
 * against a zod schema. The first problem becomes an InputError naming the file, the line and the
 * key path, and what was expected there — so a typo in a profile or a thresholds file is reported
 * precisely instead of silently changing what applies.
 */
export function parseStructured<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  if (text.trim() === "")
    throw new InputError({ file, line: 1 }, "a YAML or JSON document (the file is empty)");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line;
    throw new InputError(
      { file, line },
      `valid YAML or JSON (${syntax.code.toLowerCase().replaceAll("_", " ")})`,
    );
  }
  const result = schema.safeParse(toPlainData(doc, file), { reportInput: true });
  if (result.success) return result.data;

  const issue = result.error.issues[0]!;
  const keys = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  const path = formatPath(keys);
  const line = lineOf(doc, keys, lineCounter);
  throw new InputError(
    { file, ...(line === undefined ? {} : { line }), ...(path === "" ? {} : { path }) },
    describeIssue(issue),
  );
}

/**
 * Aliases are resolved here, not while parsing: an alias to a missing anchor, or one that expands
 * too far (a "billion laughs" document), surfaces only now and must still be an InputError.
 */
function toPlainData(doc: ReturnType<typeof parseDocument>, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw new InputError({ file }, `a document whose aliases resolve (${(error as Error).message})`);
  }
}

/**
 * For a schema's superRefine: refuses an id that repeats in `items` (found at `list`), at the
 * repeat's own key path, so registers and rule sets report duplicates the same way.
 */
export function refuseRepeatedIds(
  ctx: z.RefinementCtx,
  list: string,
  items: readonly { readonly id: string }[],
  noun: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) {
      ctx.addIssue({
        code: "custom",
        path: [list, i, "id"],
        message: `a unique ${noun} id ("${item.id}" repeats)`,
      });
    }
    seen.add(item.id);
  });
}

/** `roles[0].userIds[1]` — the key path as people write it. */
export function formatPath(keys: readonly PropertyKey[]): string {
  return keys
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  keys: readonly PropertyKey[],
  lineCounter: LineCounter,
): number | undefined {
  // The deepest node that exists locates the problem: a missing key is reported at its parent.
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = doc.getIn(keys.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return "no such key (unknown keys are refused so that a typo never changes the result)";
    case "invalid_type":
      return issue.input === undefined ? `a value (required ${issue.expected})` : withArticle(issue.expected);
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}
