import type { Column } from "./definition.js";

/**
 * Reading and writing one CSV cell per column kind (./definition.ts says what each kind looks
 * like). Reading never validates: it only turns text into the value the record schema checks,
 * so a bad cell is reported by the schema with the column's name and what was expected.
 */

/** The value for the schema, or (only for broken JSON) what the cell should have held. */
export type ReadCell = { readonly value: unknown } | { readonly expected: string };

export function readCell(column: Column, cell: string): ReadCell {
  if (cell === "") return { value: column.kind === "list" ? [] : undefined };
  switch (column.kind) {
    case "text":
    case "date":
      return { value: cell };
    case "number":
      return { value: /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell };
    case "boolean":
      return { value: cell === "true" ? true : cell === "false" ? false : cell };
    case "list":
      return { value: splitList(cell) };
    case "json":
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch (error) {
        return { expected: `JSON (${(error as Error).message})` };
      }
  }
}

export function writeCell(column: Column, value: unknown): string {
  if (value === undefined || value === null) return "";
  switch (column.kind) {
    case "list":
      return (value as readonly string[]).map(escapeItem).join(";");
    case "json":
      // An empty list is an empty cell, as for list columns.
      return Array.isArray(value) && value.length === 0 ? "" : JSON.stringify(value);
    default:
      return String(value);
  }
}

function escapeItem(item: string): string {
  return item.replaceAll("\\", "\\\\").replaceAll(";", "\\;");
}

function splitList(cell: string): string[] {
  const items: string[] = [];
  let item = "";
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!;
    if (c === "\\" && i + 1 < cell.length) item += cell[++i];
    else if (c === ";") {
      items.push(item);
      item = "";
    } else item += c;
  }
  items.push(item);
  return items;
}
