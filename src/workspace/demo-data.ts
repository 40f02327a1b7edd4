/**
 * Demonstration data for `secg serve --demo`: two versions of the Code, so the dashboard has a
 * history to show. The real seed documents are used when they sit beside the repository
 * (../shared/seeds); otherwise the two short texts in demo/, written for the project. Importing
 * is idempotent, so seeding on every start changes nothing after the first.
 */
import { access, readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { codeVersions } from "../obligations/catalogue/versions.js";
import { parseProfile } from "../obligations/profile.js";
import type { CodeVersions, ImportResult } from "./code-versions.js";
import type { Parties, PutResult } from "./parties.js";

export type DemoVersion = {
  readonly file: string;
  readonly label: string;
  readonly inForce: string;
  readonly madeBy?: string;
};

// Both folders are reached the same number of steps up from src/workspace and dist/workspace.
const seedsFolder = fileURLToPath(new URL("../../../shared/seeds/", import.meta.url));
const demoFolder = fileURLToPath(new URL("../../demo/", import.meta.url));

/**
 * The seeds carry no in-force dates of their own: 000 is the March 2020 text of G2, 001 the current
 * whole Section G (with the DP087 correction to G3.20). They are stored under the labels and the
 * assumed dates of the catalogue's version register, so the text the dashboard shows and the
 * obligations computed for a date speak of the same version.
 */
export const seedVersions: readonly DemoVersion[] = [
  { file: `${seedsFolder}000_09f1585a83bf14cf.txt`, ...registered("sec-2020-03") },
  { file: `${seedsFolder}001_248be19cf68288c3.txt`, ...registered("sec-current") },
];

function registered(label: string): { label: string; inForce: string } {
  const version = codeVersions.find((v) => v.label === label);
  if (!version) throw new Error(`the catalogue's version register has no ${label}`);
  return { label, inForce: version.inForce };
}

export const inventedVersions: readonly DemoVersion[] = [
  { file: `${demoFolder}section-g-2021.md`, label: "demo-2021", inForce: "2021-04-01" },
  { file: `${demoFolder}section-g-2023.md`, label: "demo-2023", inForce: "2023-11-02", madeBy: "demo-mod-1" },
];

/** Which demonstration versions this installation can load: the seeds when all are present. */
export async function demoVersions(): Promise<readonly DemoVersion[]> {
  const present = await Promise.all(
    seedVersions.map((version) =>
      access(version.file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return present.every(Boolean) ? seedVersions : inventedVersions;
}

export async function seedDemo(
  codeVersions: CodeVersions,
  versions: readonly DemoVersion[],
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const version of versions) {
    const text = await readFile(version.file, "utf8");
    results.push(
      await codeVersions.importVersion(
        {
          text,
          label: version.label,
          inForce: version.inForce,
          sourceName: basename(version.file),
          ...(version.madeBy === undefined ? {} : { madeBy: version.madeBy }),
        },
        { actor: "secg-demo" },
      ),
    );
  }
  return results;
}

export const demoPartiesFolder = fileURLToPath(new URL("../../demo/parties/", import.meta.url));

/** The demonstration parties (demo/parties), stored together; unchanged ones stay as they are. */
export async function seedDemoParties(parties: Parties, folder = demoPartiesFolder): Promise<PutResult[]> {
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const profiles = await Promise.all(
    names.map(async (name) => parseProfile(await readFile(join(folder, name), "utf8"), name)),
  );
  return parties.putAll(profiles, { actor: "secg-demo" });
}
