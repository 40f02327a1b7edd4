import { InputError } from "./input-error.js";

/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF (LF alone is read too),
 * a field enclosed in double quotes when it holds a comma, a quote or a line break, and a quote
 * inside such a field doubled. A leading byte-order mark (spreadsheets write one) is skipped.
 * Anything else that a lenient reader would guess at — a stray quote, text after a closing
 * quote, an unclosed quote, a lone CR — is refused with the line and column where it happens.
 */

/** One record and the line it starts on (a quoted field may carry it over several lines). */
export type CsvRecord = { readonly line: number; readonly fields: readonly string[] };

export type CsvTable = { readonly header: readonly string[]; readonly rows: readonly CsvRecord[] };

const quote = 34; // "
const comma = 44; // ,
const lf = 10;
const cr = 13;

export function parseCsv(text: string, file?: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Where the next quote is, found once and reused: searching afresh on every line would rescan
  // the rest of a file that has no quotes once per line.
  let nextQuote = -2;
  const where = (at: number, column: number) => ({
    ...(file === undefined ? {} : { file }),
    line: at,
    path: `column ${column}`,
  });

  while (pos < n) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = n;
    const contentEnd = end > pos && text.charCodeAt(end - 1) === cr ? end - 1 : end;
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
    // Most records hold no quote at all: the engine's own split does them in one call.
    if (nextQuote === -1 || nextQuote >= contentEnd) {
      const content = text.slice(pos, contentEnd);
      const strayCr = content.indexOf("\r");
      if (strayCr !== -1) {
        throw new InputError(where(line, columnAt(content, strayCr)), "a line break written as LF or CRLF");
      }
      records.push({ line, fields: content.split(",") });
      pos = end + 1;
      line++;
      continue;
    }

    const start = line;
    const fields: string[] = [];
    for (;;) {
      const column = fields.length + 1;
      if (text.charCodeAt(pos) === quote) {
        let value = "";
        let chunk = pos + 1;
        for (;;) {
          const close = text.indexOf('"', chunk);
          if (close === -1)
            throw new InputError(where(start, column), "a closing quote for the quoted field");
          line += countLineFeeds(text, chunk, close);
          if (text.charCodeAt(close + 1) === quote) {
            value += text.slice(chunk, close + 1);
            chunk = close + 2;
            continue;
          }
          value += text.slice(chunk, close);
          pos = close + 1;
          break;
        }
        fields.push(value);
      } else {
        let at = pos;
        while (at < n) {
          const c = text.charCodeAt(at);
          if (c === comma || c === lf || c === cr) break;
          if (c === quote) {
            throw new InputError(where(line, column), "a quote only inside a field enclosed in quotes");
          }
          at++;
        }
        fields.push(text.slice(pos, at));
        pos = at;
      }
      const next = text.charCodeAt(pos);
      if (next === comma) {
        pos++;
        continue;
      }
      if (pos >= n) break;
      if (next === lf || (next === cr && text.charCodeAt(pos + 1) === lf)) {
        pos += next === lf ? 1 : 2;
        line++;
        break;
      }
      throw new InputError(
        where(line, column),
        next === cr
          ? "a line break written as LF or CRLF"
          : "a comma or a line break after the closing quote",
      );
    }
    records.push({ line: start, fields });
  }
  return records;
}

/**
 * The first record names the columns; every other record must have as many fields. Blank lines
 * are skipped, since spreadsheets leave them at the end of a sheet.
 */
export function parseCsvTable(text: string, file?: string): CsvTable {
  const records = parseCsv(text, file).filter((r) => !(r.fields.length === 1 && r.fields[0] === ""));
  const [first, ...rows] = records;
  const at = (line: number, path?: string) => ({
    ...(file === undefined ? {} : { file }),
    line,
    ...(path === undefined ? {} : { path }),
  });
  if (!first) throw new InputError(at(1), "a header line naming the columns (the file is empty)");
  const seen = new Set<string>();
  for (const name of first.fields) {
    if (seen.has(name)) throw new InputError(at(first.line, name), "each column named once in the header");
    seen.add(name);
  }
  for (const row of rows) {
    if (row.fields.length !== first.fields.length) {
      throw new InputError(
        at(row.line),
        `${first.fields.length} fields as in the header (found ${row.fields.length})`,
      );
    }
  }
  return { header: first.fields, rows };
}

/** RFC 4180 text with CRLF after every record, quoting only the fields that need it. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  let out = "";
  for (const fields of records) {
    // A record of one empty field would be a blank line, which readers skip: quote it.
    if (fields.length === 1 && fields[0] === "") out += '""\r\n';
    else out += `${fields.map(formatField).join(",")}\r\n`;
  }
  return out;
}

function formatField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

function columnAt(content: string, offset: number): number {
  let column = 1;
  for (let at = content.indexOf(",", 0); at !== -1 && at < offset; at = content.indexOf(",", at + 1))
    column++;
  return column;
}
