/**
 * Embedded PGlite has no postmaster to stop a second process opening the same folder, and two
 * processes writing one folder silently lose each other's writes. A lock file holding the owner's
 * pid refuses the second opener; a lock left by a process that no longer runs is taken over.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../common/input-error.js";

export type DataFolderLock = { readonly release: () => Promise<void> };

export async function lockDataFolder(dataDir: string): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, "secg.lock");
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && isRunning(owner)) {
      throw new InputError(
        { file: dataDir },
        `a data folder no other secg process has open (process ${owner} is using it; stop it, or share a PostgreSQL database through DATABASE_URL)`,
      );
    }
    await rm(file, { force: true });
  }
  throw new InputError({ file: dataDir }, "a data folder whose lock file secg.lock can be taken");
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
