import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { bundleLines, verifyBundle } from "../../../src/workspace/audit-log/bundle.js";
import { signNewCheckpoint } from "../../../src/workspace/audit-log/checkpoints.js";
import { currentSigningKey } from "../../../src/workspace/audit-log/keys.js";
import { openStore } from "../../../src/workspace/store.js";
import { backends, rowsOf } from "../backends.js";

const writer = fileURLToPath(new URL("./crash-writer.ts", import.meta.url));

/** Starts the writer, waits for `commits` commits, then kills it with SIGKILL mid-burst. */
function writeThenKill(dataDir: string, databaseUrl: string | undefined, commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", writer, dataDir, databaseUrl ?? ""], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let last = 0;
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      const numbers = [...chunk.toString().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      last = Math.max(last, ...numbers);
      if (last >= commits) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve(last) : reject(new Error(`writer stopped by itself: ${errors}`)),
    );
  });
}

describe.each(backends.filter((b) => b.available).map((b) => [b.kind, b] as const))(
  "kill -9 on %s",
  (_, backend) => {
    it("leaves a log that verifies, with a record for every committed change", async () => {
      // G2.27: no change without its record, even when the process dies mid-write.
      const provisioned = await backend.provision();
      const dataDir = provisioned.options.dataDir ?? (await mkdtemp(join(tmpdir(), "secg-crash-")));
      try {
        const acknowledged = await writeThenKill(dataDir, provisioned.options.databaseUrl, 40);
        const store = await openStore(provisioned.options);
        try {
          const things = await rowsOf<{ n: number }>(store, sql`select n from crash_things order by n`);
          expect(things.length).toBeGreaterThanOrEqual(acknowledged);
          const recorded = await rowsOf<{ target: string }>(
            store,
            sql`select entry::jsonb->>'target' as target from audit_entries where entry::jsonb->>'action' = 'thing.create'`,
          );
          expect(new Set(recorded.map((r) => r.target))).toEqual(new Set(things.map((t) => `thing:${t.n}`)));
          const outcome = await signNewCheckpoint(store.db, store.clock, await currentSigningKey(dataDir), {
            actor: "test",
          });
          expect(outcome.signed).toBe(true);
          let bundle = "";
          for await (const line of bundleLines(store.db, { exportedAt: "2025-06-02T09:30:00.000Z" }))
            bundle += line;
          expect(verifyBundle(bundle)).toMatchObject({
            valid: true,
            size: things.length,
            firstInvalid: null,
          });
        } finally {
          await store.close();
        }
      } finally {
        await provisioned.dispose();
        if (!provisioned.options.dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    }, 120_000);
  },
);
