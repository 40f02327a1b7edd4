import { z } from "zod";
import { formatCsv, parseCsvTable } from "../../common/csv.js";
import { InputError } from "../../common/input-error.js";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { readCell, writeCell } from "./cells.js";
import type { RegisterDefinition } from "./definition.js";
import { type Problem, problemsOf, refuseIfAny } from "./problems.js";

/**
 * A register's records as CSV (one column per field, ./cells.ts) and as JSON (an array of
 * records). Reading checks the whole file and reports every problem with its line and column
 * (CSV) or the first with its line and key path (JSON, through the shared structured reader).
 */
export type RegisterFormat = "csv" | "json";

/** A decoded record and where it was in the file, so later checks can point at it too. */
export type Located<R> = { readonly record: R; readonly line?: number; readonly path: string };

export function decodeRegister<R extends { readonly id: string }>(
  definition: RegisterDefinition<R>,
  format: RegisterFormat,
  text: string,
  file: string,
): Located<R>[] {
  return format === "csv" ? decodeCsv(definition, text, file) : decodeJson(definition, text, file);
}

export function encodeRegister<R extends { readonly id: string }>(
  definition: RegisterDefinition<R>,
  format: RegisterFormat,
  records: readonly R[],
): string {
  if (format === "json") return `${JSON.stringify(records, null, 2)}\n`;
  const fields = (record: R) =>
    definition.columns.map((column) => writeCell(column, (record as Record<string, unknown>)[column.key]));
  return formatCsv([definition.columns.map((c) => c.key), ...records.map(fields)]);
}

function decodeCsv<R extends { readonly id: string }>(
  definition: RegisterDefinition<R>,
  text: string,
  file: string,
): Located<R>[] {
  const table = parseCsvTable(text, file);
  const columns = new Map(definition.columns.map((c) => [c.key, c]));
  const problems: Problem[] = [];
  const headerLine = 1;
  for (const name of table.header) {
    if (!columns.has(name)) {
      problems.push({
        line: headerLine,
        path: name,
        expected: `a column of the ${definition.name} register (${[...columns.keys()].join(", ")})`,
      });
    }
  }
  if (!table.header.includes("id")) problems.push({ line: headerLine, path: "id", expected: "an id column" });
  refuseIfAny(file, problems);

  const records: Located<R>[] = [];
  const lineOfId = new Map<string, number>();
  for (const row of table.rows) {
    const raw: Record<string, unknown> = {};
    let readable = true;
    table.header.forEach((name, i) => {
      const cell = readCell(columns.get(name)!, row.fields[i]!);
      if ("expected" in cell) {
        problems.push({ line: row.line, path: name, expected: cell.expected });
        readable = false;
      } else if (cell.value !== undefined) raw[name] = cell.value;
    });
    if (!readable) continue;
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...problemsOf(parsed.error, { line: row.line }));
      continue;
    }
    const earlier = lineOfId.get(parsed.data.id);
    if (earlier !== undefined) {
      problems.push({
        line: row.line,
        path: "id",
        expected: `a unique ${definition.noun} id ("${parsed.data.id}" is on line ${earlier} too)`,
      });
      continue;
    }
    lineOfId.set(parsed.data.id, row.line);
    records.push({ record: parsed.data, line: row.line, path: "" });
  }
  refuseIfAny(file, problems);
  return records;
}

/**
 * The array is read inside an object keyed by the register's name, opened on the array's own
 * first line, so the shared reader's line numbers stay those of the file and its repeated-id
 * check (keyed by list name) applies unchanged; the key is then taken off the reported path.
 */
function decodeJson<R extends { readonly id: string }>(
  definition: RegisterDefinition<R>,
  text: string,
  file: string,
): Located<R>[] {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "")
    throw new InputError({ file, line: 1 }, "a JSON array of records (the file is empty)");
  const list = definition.name;
  const document = z.strictObject({ [list]: z.array(definition.schema) }).superRefine((doc, ctx) => {
    refuseRepeatedIds(ctx, list, doc[list] as readonly R[], definition.noun);
  });
  let parsed: Record<string, R[]>;
  try {
    parsed = parseStructured(`{"${list}": ${body}\n}`, file, document) as Record<string, R[]>;
  } catch (error) {
    if (!(error instanceof InputError) || error.where.path === undefined) throw error;
    const path = error.where.path.slice(list.length).replace(/^\./, "");
    const { path: _, ...where } = error.where;
    throw new InputError(path === "" ? where : { ...where, path }, error.expected);
  }
  return (parsed[list] ?? []).map((record, i) => ({ record, path: `[${i}]` }));
}
