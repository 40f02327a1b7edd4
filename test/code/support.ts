import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import type { Clause, CodeDocument } from "../../src/code/types.js";
import { sharedPath } from "../support/shared.js";

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/code/${name}`, import.meta.url));
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), "utf8");
}

/** A seed's text, or undefined when ../shared is absent (the tests then skip). */
export function readSeed(relative: string): string | undefined {
  const path = sharedPath(relative);
  return path === undefined ? undefined : readFileSync(path, "utf8");
}

export function clause(document: CodeDocument, id: string): Clause {
  const found = document.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id} in the document`);
  return found;
}

/** Every paragraph id of a clause, depth first. */
export function paragraphIds(c: Clause): string[] {
  const out: string[] = [];
  const visit = (list: Clause["paragraphs"]) => {
    for (const p of list) {
      out.push(p.id);
      visit(p.children);
    }
  };
  visit(c.paragraphs);
  return out;
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text) };
  const code = await runCli(argv, io);
  return { code, out, err };
}
