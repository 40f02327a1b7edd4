import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { build } from "vite";
import { repoRoot } from "../support/shared.js";

const sourceRoot = join(repoRoot, "src/web");
export const webRoot = join(repoRoot, "dist/web");

async function newestSourceChange(folder: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const changed = entry.isDirectory() ? await newestSourceChange(path) : (await stat(path)).mtimeMs;
    newest = Math.max(newest, changed);
  }
  return newest;
}

/**
 * The dashboard as the server would serve it: dist/web when it was built after the last change to
 * src/web and the Vite config, otherwise a fresh production build.
 */
export async function ensureWebBuild(): Promise<string> {
  const built = await stat(join(webRoot, "index.html")).catch(() => undefined);
  const sources = Math.max(
    await newestSourceChange(sourceRoot),
    (await stat(join(repoRoot, "vite.config.ts"))).mtimeMs,
  );
  if (!built || built.mtimeMs < sources) {
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: the
    // browser tests must see (and time) what `npm run build` ships.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ configFile: join(repoRoot, "vite.config.ts"), root: sourceRoot, logLevel: "warn" });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  return webRoot;
}
