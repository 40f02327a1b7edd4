import { existsSync } from "node:fs";
import type { Command } from "commander";
import { diffSections } from "../code/diff.js";
import { parseClauseId } from "../code/ids.js";
import { parseSection } from "../code/parse.js";
import { parseRedline } from "../code/redline.js";
import type { Clause, CodeDocument, Definition, ParseProblem, RedlineSpan } from "../code/types.js";
import { diffWords } from "../code/word-diff.js";
import { InputError, inFile } from "../common/input-error.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import { type CliIo, type CommandResult, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore } from "./store-options.js";

export type LoadedDocument = { readonly name: string; readonly document: CodeDocument };

/** Reads and parses a document file named on the command line. */
export async function loadDocument(ref: string): Promise<LoadedDocument> {
  const text = await readTextFile(ref);
  try {
    return { name: ref, document: parseSection(text) };
  } catch (error) {
    throw inFile(error, ref);
  }
}

/**
 * Resolves documents named on the command line: a path to an existing file is read and parsed;
 * anything else is the label of a version stored in the workspace, which is opened (once) only
 * when some reference needs it.
 */
export async function loadDocuments(refs: readonly string[], dataDir: string): Promise<LoadedDocument[]> {
  const isFile = refs.map((ref) => existsSync(ref));
  const labels = refs.filter((_, i) => !isFile[i]);
  const stored =
    labels.length === 0
      ? new Map<string, CodeDocument | undefined>()
      : await withExistingStore(
          dataDir,
          async (store) =>
            new Map(
              await Promise.all(
                labels.map(async (l) => [l, await store.codeVersions.loadDocument(l)] as const),
              ),
            ),
        );
  return Promise.all(
    refs.map(async (ref, i) => {
      if (isFile[i]) return loadDocument(ref);
      const document = stored.get(ref);
      if (!document) {
        throw new InputError(
          { path: ref },
          `a document file or the label of a stored version (no such file, and no version labelled so in the workspace)`,
        );
      }
      return { name: ref, document };
    }),
  );
}

/** The `code` command group, created on first use so several modules can add to it. */
export function codeGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "code") ??
    program.command("code").description("The Code: read, compare and redline SEC section documents")
  );
}

function warn(io: CliIo, name: string, problems: readonly ParseProblem[]): void {
  const seen = new Set<string>();
  for (const { line, message } of problems) {
    const text = `${name}:${line}: warning: ${message}\n`;
    if (!seen.has(text)) io.err(text);
    seen.add(text);
  }
}

/** A clause as the contract shows it: id, heading and text first, then the rest of the parse. */
function clauseJson(clause: Clause) {
  const { id, heading, text, ...rest } = clause;
  return { id, heading, text, ...rest };
}

function documentJson(document: CodeDocument) {
  return {
    clauses: document.clauses.map(clauseJson),
    parts: document.parts,
    definitions: document.definitions,
    problems: document.problems,
  };
}

function showSpans(spans: readonly RedlineSpan[]): string {
  return spans
    .map((span) =>
      span.op === "equal" ? span.text : span.op === "delete" ? `[-${span.text}-]` : `{+${span.text}+}`,
    )
    .join("");
}

function checkPart(part: string | undefined): void {
  if (part !== undefined && !/^[A-Z]\d{1,2}$/.test(part)) {
    throw new InputError({ path: "--part" }, `a part such as G2 (got "${part}")`);
  }
}

type ClauseStatus = "added" | "removed" | "changed" | "unchanged";

function clauseRedline(before: CodeDocument, after: CodeDocument, id: string) {
  if (parseClauseId(id) === undefined)
    throw new InputError({ path: "--clause" }, `a clause id such as G2.13 (got "${id}")`);
  const old = before.clauses.find((clause) => clause.id === id);
  const current = after.clauses.find((clause) => clause.id === id);
  if (!old && !current)
    throw new InputError({ path: "--clause" }, `a clause of OLD or NEW (${id} is in neither)`);
  const status: ClauseStatus = !old
    ? "added"
    : !current
      ? "removed"
      : old.text === current.text
        ? "unchanged"
        : "changed";
  return { id, status, redline: diffWords(old?.text ?? "", current?.text ?? "") };
}

function definitionChanges(before: readonly Definition[], after: readonly Definition[]): string[] {
  const old = new Map(before.map((d) => [d.term, d.text]));
  const current = new Map(after.map((d) => [d.term, d.text]));
  const lines: string[] = [];
  for (const [term, text] of current) {
    const was = old.get(term);
    if (was === undefined) lines.push(`  ${term}: added`);
    else if (was !== text) lines.push(`  ${term}: changed\n    ${showSpans(diffWords(was, text))}`);
  }
  for (const term of old.keys()) if (!current.has(term)) lines.push(`  ${term}: removed`);
  return lines;
}

export function registerCodeCommands(program: Command, io: CliIo, run: Run): void {
  const code = codeGroup(program);

  code
    .command("clauses")
    .description("List every numbered clause of a SEC section document (plain text or Markdown)")
    .argument("<file>", "the document")
    .option("--json", "print JSON")
    .action(
      run(async (file: string, opts: { json?: boolean }): Promise<CommandResult> => {
        const { name, document } = await loadDocument(file);
        warn(io, name, document.problems);
        if (opts.json) {
          printJson(io, documentJson(document));
          return 0;
        }
        for (const clause of document.clauses) {
          io.out(`${clause.id}${clause.heading ? `  [${clause.heading}]` : ""}\n    ${clause.text}\n`);
        }
        io.out(`${document.clauses.length} clauses\n`);
        return 0;
      }),
    );

  code
    .command("diff")
    .description("Compare two versions clause by clause; layout alone is never a change")
    .argument("<old>", "the earlier version: a file, or the label of a stored version")
    .argument("<new>", "the later version: a file, or the label of a stored version")
    .option("--part <part>", "compare only this part, e.g. G2")
    .option("--clause <id>", "show the word-level redline of one clause")
    .option(
      "--data <dir>",
      "the workspace holding stored versions, for OLD/NEW given as labels",
      defaultDataDir,
    )
    .option("--json", "print JSON")
    .action(
      run(
        async (
          oldRef: string,
          newRef: string,
          opts: { part?: string; clause?: string; data: string; json?: boolean },
        ): Promise<CommandResult> => {
          checkPart(opts.part);
          const [before, after] = (await loadDocuments([oldRef, newRef], opts.data)) as [
            LoadedDocument,
            LoadedDocument,
          ];
          warn(io, before.name, before.document.problems);
          warn(io, after.name, after.document.problems);
          if (opts.clause !== undefined) {
            const result = clauseRedline(before.document, after.document, opts.clause);
            if (opts.json) printJson(io, result);
            else io.out(`${result.id} ${result.status}\n${showSpans(result.redline)}\n`);
            return 0;
          }
          const diff = diffSections(
            before.document,
            after.document,
            opts.part === undefined ? {} : { part: opts.part },
          );
          if (opts.json) {
            printJson(io, diff);
            return 0;
          }
          for (const key of ["added", "removed", "changed"] as const) {
            io.out(`${key} (${diff[key].length}): ${diff[key].join(" ")}\n`);
          }
          io.out(`unchanged: ${diff.unchanged.length} clauses\n`);
          return 0;
        },
      ),
    );

  code
    .command("redline")
    .description(
      "Read a document marked up with ~~deleted~~ and <u>inserted</u> text into its before and after",
    )
    .argument("<file>", "the marked-up document")
    .option("--json", "print JSON")
    .action(
      run(async (file: string, opts: { json?: boolean }): Promise<CommandResult> => {
        const text = await readTextFile(file);
        let redline: ReturnType<typeof parseRedline>;
        try {
          redline = parseRedline(text);
        } catch (error) {
          throw inFile(error, file);
        }
        const { before, after } = redline;
        warn(
          io,
          file,
          [...before.problems, ...after.problems].sort((a, b) => a.line - b.line),
        );
        if (opts.json) {
          const side = (document: CodeDocument) => ({
            clauses: document.clauses.map(clauseJson),
            definitions: document.definitions,
          });
          printJson(io, { before: side(before), after: side(after) });
          return 0;
        }
        const ids = [...new Set([...before.clauses, ...after.clauses].map((clause) => clause.id))];
        for (const id of ids) {
          const result = clauseRedline(before, after, id);
          io.out(`${id} ${result.status}\n    ${showSpans(result.redline)}\n`);
        }
        const definitions = definitionChanges(before.definitions, after.definitions);
        if (definitions.length > 0) io.out(`definitions:\n${definitions.join("\n")}\n`);
        return 0;
      }),
    );
}
