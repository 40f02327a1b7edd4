/**
 * Run by crash.test.ts as a child process: writes changes, each with its audit entry in one
 * transaction, as fast as it can and says "committed <n>" after each, until it is killed.
 */
import { sql } from "drizzle-orm";
import { appendAudit, auditSchemaVersion } from "../../../src/workspace/audit.js";
import { openStore } from "../../../src/workspace/store.js";

const [dataDir, databaseUrl] = process.argv.slice(2);
const store = await openStore({ dataDir: dataDir!, ...(databaseUrl ? { databaseUrl } : {}) });
await store.db.execute(sql`create table if not exists crash_things (n integer primary key)`);
for (let n = 1; ; n += 1) {
  await store.db.transaction(async (tx) => {
    await tx.execute(sql`insert into crash_things (n) values (${n})`);
    await appendAudit(tx, {
      actor: "crash-writer",
      action: "thing.create",
      target: `thing:${n}`,
      outcome: "success",
      time: new Date().toISOString(),
      timeSource: "system",
      schemaVersion: auditSchemaVersion,
    });
  });
  process.stdout.write(`committed ${n}\n`);
}
