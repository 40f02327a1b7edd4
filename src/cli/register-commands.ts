import { readFile, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { InputError, inFile } from "../common/input-error.js";
import { parseStructured } from "../common/structured-input.js";
import { londonDate } from "../obligations/calendar/iso-date.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { Registers } from "../workspace/registers/engine.js";
import type { RegisterFormat } from "../workspace/registers/formats.js";
import { isRegisterName, type RegisterName, registerNames } from "../workspace/registers/names.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withExistingStore, withStore } from "./store-options.js";

/**
 * `secg register list|show|import|export|put|delete|transition` and `secg evidence add`: the
 * workspace registers (docs/registers.md) from the command line, through the same engine as the API.
 */

type StoreOpts = { party: string; data: string; json?: boolean };

const dataOption = ["--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)"] as const;
const partyOption = ["--party <id>", "the party whose register it is"] as const;

const actor = () => ({ actor: `cli:${userInfo().username}` });

function registerArg(name: string): RegisterName {
  if (!isRegisterName(name)) throw new InputError({ path: "REGISTER" }, `one of ${registerNames.join(", ")}`);
  return name;
}

function formatOf(option: string | undefined, file: string | undefined): RegisterFormat {
  const format = option ?? (file !== undefined && extname(file).toLowerCase() === ".json" ? "json" : "csv");
  if (format !== "csv" && format !== "json") throw new InputError({ path: "--format" }, "csv or json");
  return format;
}

async function withRegisters<T>(
  dataDir: string,
  use: (registers: Registers) => Promise<T>,
  existing = false,
) {
  const { registersOf } = await import("../workspace/registers/engine.js");
  return (existing ? withExistingStore : withStore)(dataDir, (store) =>
    use(registersOf(store.db, store.clock)),
  );
}

/** A `secg register` subcommand over one register of one party, in the workspace folder given. */
function subcommand(parent: Command, name: string, description: string, registers = registerNames.join("|")) {
  return parent
    .command(name)
    .description(description)
    .argument("<register>", registers)
    .requiredOption(...partyOption)
    .option(...dataOption, defaultDataDir);
}

function noRecord(register: string, id: string): InputError {
  return new InputError({ path: "ID" }, `a record of the ${register} register (no ${id})`);
}

export function registerRegisterCommands(program: Command, io: CliIo, run: Run): void {
  const register = program
    .command("register")
    .description(`the workspace registers: ${registerNames.join(", ")}`);

  subcommand(register, "list", "list a register's records")
    .option("--json", "print JSON")
    .action(
      run(async (name: string, opts: StoreOpts): Promise<ExitCode> => {
        const records = await withRegisters(opts.data, (r) => r.list(opts.party, registerArg(name)), true);
        if (opts.json) printJson(io, { items: records });
        else if (records.length === 0) io.out(`The ${name} register of ${opts.party} is empty.\n`);
        else for (const record of records) io.out(`${describe(record)}\n`);
        return 0;
      }),
    );

  subcommand(register, "show", "print one record as JSON")
    .argument("<id>", "the record's id")
    .action(
      run(async (name: string, id: string, opts: StoreOpts): Promise<ExitCode> => {
        const record = await withRegisters(opts.data, (r) => r.get(opts.party, registerArg(name), id), true);
        if (record === undefined) throw noRecord(name, id);
        printJson(io, record);
        return 0;
      }),
    );

  subcommand(
    register,
    "import",
    "import a whole register from CSV or JSON: every line is checked first, then all or nothing",
  )
    .argument("<file>", "a CSV file with a header line, or a JSON array of records")
    .option("--format <format>", "csv or json (default: from the file's extension)")
    .option("--json", "print JSON")
    .action(
      run(async (name: string, file: string, opts: StoreOpts & { format?: string }): Promise<ExitCode> => {
        const target = registerArg(name);
        const text = await readTextFile(file);
        const format = formatOf(opts.format, file);
        const counts = await withRegisters(opts.data, (r) =>
          r.importText(opts.party, target, format, text, file, actor()),
        );
        if (opts.json) printJson(io, counts);
        else
          io.out(
            `${name}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged\n`,
          );
        return 0;
      }),
    );

  subcommand(register, "export", "write a register as CSV or JSON, which import reads back unchanged")
    .option("--format <format>", "csv or json (default: from --out's extension, else csv)")
    .option("--out <file>", "the file to write (default: standard output)")
    .action(
      run(async (name: string, opts: StoreOpts & { format?: string; out?: string }): Promise<ExitCode> => {
        const format = formatOf(opts.format, opts.out);
        const text = await withRegisters(
          opts.data,
          (r) => r.exportText(opts.party, registerArg(name), format),
          true,
        );
        if (opts.out === undefined) io.out(text);
        else await writeFile(opts.out, text, "utf8");
        return 0;
      }),
    );

  subcommand(register, "put", "create or replace one record from a JSON or YAML file holding it")
    .argument("<file>", "the record (JSON or YAML)")
    .option("--json", "print JSON")
    .action(
      run(async (name: string, file: string, opts: StoreOpts): Promise<ExitCode> => {
        const target = registerArg(name);
        const input = parseStructured(await readTextFile(file), file, z.record(z.string(), z.unknown()));
        const result = await withRegisters(opts.data, (r) => r.put(opts.party, target, input, actor())).catch(
          (error: unknown) => Promise.reject(inFile(error, file)),
        );
        if (opts.json) printJson(io, result);
        else io.out(`${capitalised(result.outcome)} ${describe(result.record)}\n`);
        return 0;
      }),
    );

  subcommand(register, "delete", "delete one record (and, for evidence, its stored file)")
    .argument("<id>", "the record's id")
    .action(
      run(async (name: string, id: string, opts: StoreOpts): Promise<ExitCode> => {
        const gone = await withRegisters(
          opts.data,
          (r) => r.remove(opts.party, registerArg(name), id, actor()),
          true,
        );
        if (!gone) throw noRecord(name, id);
        io.out(`Deleted ${id} from the ${name} register of ${opts.party}\n`);
        return 0;
      }),
    );

  subcommand(
    register,
    "transition",
    "move a system forward: planned → authorised → operational → decommissioned (G3.9)",
    "systems",
  )
    .argument("<id>", "the system's id")
    .requiredOption("--to <state>", "authorised, operational or decommissioned")
    .option("--on <date>", "the date it happened, YYYY-MM-DD (default: today in Great Britain)")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          name: string,
          id: string,
          opts: StoreOpts & { to: string; on?: string },
        ): Promise<ExitCode> => {
          const target = registerArg(name);
          const record = await withRegisters(
            opts.data,
            (r) => r.transition(opts.party, target, id, opts.to, actor(), opts.on),
            true,
          );
          if (record === undefined) throw noRecord(name, id);
          if (opts.json) printJson(io, record);
          else io.out(`${describe(record)} is now ${opts.to}\n`);
          return 0;
        },
      ),
    );

  program
    .command("evidence")
    .description("the evidence register")
    .command("add")
    .description("add (or replace) an evidence record: a file stored with its SHA-256, or a link")
    .requiredOption(...partyOption)
    .option("--id <id>", "the evidence id (default: from the file name or URL and the collection date)")
    .option("--title <text>", "what it is (default: the file's name or the URL)")
    .option("--file <file>", "the file to store")
    .option("--media-type <type>", "the file's media type (default: from its extension)")
    .option("--url <url>", "a link to the evidence instead of a file")
    .requiredOption("--obligation <ids...>", "the obligations it supports, e.g. G3.1 G8.42(b)")
    .requiredOption("--method <method>", "examine, interview or test")
    .option("--collected <date>", "when it was collected, YYYY-MM-DD (default: today in Great Britain)")
    .option("--expires <date>", "until when it holds, YYYY-MM-DD")
    .option("--system <id>", "the system it concerns")
    .option(...dataOption, defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(async (opts: EvidenceOpts): Promise<ExitCode> => {
        if ((opts.file === undefined) === (opts.url === undefined)) {
          throw new InputError({ path: "--file" }, "either --file or --url, not both");
        }
        const upload = opts.file === undefined ? undefined : await uploadOf(opts.file, opts.mediaType);
        const collectedOn = opts.collected ?? londonDate(new Date());
        const id = opts.id ?? derivedId(opts.file ?? opts.url ?? "", collectedOn);
        const record = {
          id,
          title: opts.title ?? (opts.file === undefined ? opts.url : basename(opts.file)),
          kind: opts.file === undefined ? "link" : "file",
          ...(opts.url === undefined ? {} : { url: opts.url }),
          collectedOn,
          ...(opts.expires === undefined ? {} : { expiresOn: opts.expires }),
          method: opts.method,
          obligations: opts.obligation,
          ...(opts.system === undefined ? {} : { system: opts.system }),
        };
        const result = await withRegisters(opts.data, async (r) => {
          // A made-up id must not replace evidence someone else stored under it.
          if (opts.id === undefined && (await r.get(opts.party, "evidence", id)) !== undefined) {
            throw new InputError(
              { path: "--id" },
              `an id of its own (evidence ${id} exists; --id ${id} replaces it)`,
            );
          }
          return r.put(opts.party, "evidence", record, actor(), upload);
        });
        if (opts.json) printJson(io, result);
        else io.out(`${capitalised(result.outcome)} ${describe(result.record)}\n`);
        return 0;
      }),
    );
}

type EvidenceOpts = {
  party: string;
  data: string;
  json?: boolean;
  id?: string;
  title?: string;
  file?: string;
  mediaType?: string;
  url?: string;
  obligation: string[];
  method: string;
  collected?: string;
  expires?: string;
  system?: string;
};

const mediaTypes: Readonly<Record<string, string>> = {
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".csv": "text/csv",
  ".json": "application/json",
  ".xml": "application/xml",
  ".html": "text/html",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".zip": "application/zip",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

async function uploadOf(file: string, mediaType: string | undefined) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new InputError({ file }, `a readable file (${(error as NodeJS.ErrnoException).code})`);
  }
  return {
    name: basename(file),
    mediaType: mediaType ?? mediaTypes[extname(file).toLowerCase()] ?? "application/octet-stream",
    bytes,
  };
}

/** `policy-v3-2025-03-01` from `docs/Policy v3.pdf` collected on 2025-03-01. */
function derivedId(source: string, collectedOn: string): string {
  const stem = basename(source.replace(/[?#].*$/, "").replace(/\/+$/, ""), extname(source));
  const slug = stem
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 100);
  return `${slug || "evidence"}-${collectedOn}`;
}

function describe(record: { readonly id: string }): string {
  const named = record as { name?: string; title?: string };
  const label = named.name ?? named.title;
  return label === undefined ? record.id : `${record.id}: ${label}`;
}

function capitalised(outcome: string): string {
  return outcome.charAt(0).toUpperCase() + outcome.slice(1);
}
