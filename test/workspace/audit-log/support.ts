/** Test entries for the audit-log tests, and the bundle a store exports. */
import { appendAudit, auditSchemaVersion } from "../../../src/workspace/audit.js";
import { bundleLines } from "../../../src/workspace/audit-log/bundle.js";
import type { Store } from "../../../src/workspace/store.js";
import { fixedClock } from "../backends.js";

/** `count` entries at `time` (the fixed clock's by default), one transaction each, targets thing:<from>… */
export async function writeEntries(
  store: Store,
  count: number,
  { time = fixedClock.now().toISOString(), from = 0 }: { time?: string; from?: number } = {},
): Promise<void> {
  for (let i = from; i < from + count; i += 1) {
    await store.db.transaction((tx) =>
      appendAudit(tx, {
        actor: "test",
        action: "test.write",
        target: `thing:${i}`,
        outcome: "success",
        time,
        timeSource: fixedClock.source,
        schemaVersion: auditSchemaVersion,
      }),
    );
  }
}

/** The bundle of everything in the store, exported at the fixed clock's time. */
export async function exported(store: Store): Promise<string> {
  let text = "";
  for await (const line of bundleLines(store.db, { exportedAt: fixedClock.now().toISOString() }))
    text += line;
  return text;
}
