import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The repository root, resolved from this file so tests run from any working directory. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** True under CI, where every test that needs an outside resource must run rather than skip. */
export const underCi = Boolean(process.env.CI);

/**
 * Path of a file under ../shared (seeds, reference), or undefined when the folder is absent on a
 * developer's machine. Under CI a missing file is an error: those tests must run there.
 */
export function sharedPath(relative: string): string | undefined {
  const path = fileURLToPath(new URL(`../../../shared/${relative}`, import.meta.url));
  if (existsSync(path)) return path;
  if (underCi) throw new Error(`CI requires ../shared/${relative}, which is missing`);
  return undefined;
}

/** The seed documents by what they are (../shared/seeds/README.md). */
export const seedFiles = {
  g2Draft2020: "seeds/000_09f1585a83bf14cf.txt",
  sectionG: "seeds/001_248be19cf68288c3.txt",
  guide: "seeds/002_4342e7082d931153.txt",
  dp087: "seeds/003_1697b2d631717902.txt",
  cryptoRedline: "seeds/004_d6f879ee068933b9.txt",
} as const;
