import { createReadStream } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../../common/input-error.js";
import { parseDuisRequest } from "../duis/parse.js";
import { type AdtState, decide } from "./engine.js";
import { type AdtRequest, requestFromDuis } from "./request.js";
import { parseRequestLine } from "./request-line.js";
import { emptySummary, type ReplaySummary, tally } from "./summary.js";

/**
 * Feeds recorded Service Requests through the engine: a JSON Lines file, streamed line by line
 * so its size is not bounded by memory, or a folder of DUIS XML requests, replayed in file-name
 * order one second apart (DUIS XML carries no receipt time).
 */

export type ReplayOptions = {
  /** When the first request of a DUIS XML folder is taken to arrive (ms since the epoch). */
  readonly start?: number;
};

/** The default start of a DUIS XML folder replay, 2025-01-01T00:00:00Z. */
export const defaultStart = Date.UTC(2025, 0, 1);

/** A line longer than this is refused rather than buffered without bound. */
const maxLineLength = 1 << 20;

export async function replay(
  input: string,
  state: AdtState,
  options: ReplayOptions = {},
): Promise<ReplaySummary> {
  const kind = await inputKind(input);
  if (kind === "folder") return replayDuisFolder(input, state, options.start ?? defaultStart);
  if (options.start !== undefined) {
    throw new InputError(
      { path: "--start" },
      "no start time for a JSON Lines file (its requests carry their own times); --start is for a folder of DUIS XML",
    );
  }
  return replayJsonLines(input, state);
}

async function inputKind(input: string): Promise<"folder" | "file"> {
  try {
    return (await stat(input)).isDirectory() ? "folder" : "file";
  } catch (error) {
    throw new InputError(
      { file: input },
      `a JSON Lines file or a folder of DUIS XML requests (${describe(error)})`,
    );
  }
}

export async function replayJsonLines(file: string, state: AdtState): Promise<ReplaySummary> {
  const summary = emptySummary();
  let lineNumber = 0;
  const handle = (raw: string): void => {
    lineNumber++;
    readRequestLine(raw, file, lineNumber, (request) =>
      tally(summary, request.requestId, decide(state, request)),
    );
  };

  let pending = "";
  let first = true;
  try {
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 })) {
      let text = pending + (chunk as string);
      if (first) {
        text = text.replace(/^\uFEFF/, "");
        first = false;
      }
      let from = 0;
      for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", from)) {
        handle(text.slice(from, nl));
        from = nl + 1;
      }
      pending = text.slice(from);
      if (pending.length > maxLineLength) {
        throw new InputError({ file, line: lineNumber + 1 }, `a line of at most ${maxLineLength} characters`);
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ file }, `a readable JSON Lines file (${describe(error)})`);
  }
  if (pending !== "") handle(pending);
  return summary;
}

export async function replayDuisFolder(dir: string, state: AdtState, start: number): Promise<ReplaySummary> {
  const entries = await readdir(dir, { withFileTypes: true });
  // Plain code-unit order, so the replay does not depend on the machine's locale.
  const names = entries
    .filter((entry) => entry.isFile() && /\.xml$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) {
    throw new InputError({ file: dir }, "a folder holding DUIS XML requests (*.xml), found none");
  }
  const summary = emptySummary();
  for (const [i, name] of names.entries()) {
    const file = join(dir, name);
    const duis = parseDuisRequest(await readXmlText(file), file);
    tally(summary, duis.requestId, decide(state, requestFromDuis(duis, start + i * 1000)));
  }
  return summary;
}

async function readXmlText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError({ file }, `a readable DUIS XML file (${describe(error)})`);
  }
  if (bytes.includes(0)) throw new InputError({ file }, "a DUIS XML text file (found binary content)");
  return bytes.toString("utf8");
}

/**
 * Reads one line of a JSON Lines file (a trailing carriage return dropped) and hands its request,
 * with the line's text, to `use`; a blank line is skipped. Whatever either finds wrong is located
 * at the file and line.
 */
export function readRequestLine(
  raw: string,
  file: string,
  lineNumber: number,
  use: (request: AdtRequest, line: string) => void,
): void {
  const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
  if (isBlank(line)) return;
  try {
    use(parseRequestLine(line), line);
  } catch (error) {
    throw located(error, file, lineNumber);
  }
}

function located(error: unknown, file: string, line: number): unknown {
  if (!(error instanceof InputError)) return error;
  const { path } = error.where;
  return new InputError({ file, line, ...(path === undefined ? {} : { path }) }, error.expected);
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "it does not exist" : (code ?? String(error));
}
