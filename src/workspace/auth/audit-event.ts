/** The audit entry of one authentication or user event; detail never holds a secret. */
import { type AuditEvent, appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Transaction } from "../database.js";

export function auditAuth(
  tx: Transaction,
  clock: Clock,
  origin: Origin,
  event: {
    readonly action: string;
    readonly target: string;
    readonly outcome: AuditEvent["outcome"];
    readonly detail?: { readonly [key: string]: JsonValue };
    readonly at?: Date;
  },
): Promise<unknown> {
  const { at, ...rest } = event;
  return appendAudit(tx, {
    ...origin,
    ...rest,
    time: (at ?? clock.now()).toISOString(),
    timeSource: clock.source,
    schemaVersion: auditSchemaVersion,
  });
}
