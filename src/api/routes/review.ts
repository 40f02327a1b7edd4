/**
 * The review of the audit log over HTTP (G2.26): denied attempts, failed logins and lockouts,
 * and unusual activity over a period, by default the week before now.
 */
import { z } from "zod";
import { reviewAuditLog, reviewPeriod, reviewThresholds } from "../../workspace/review.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";

/** An audit entry as the review and the per-party view show it. */
export const ReviewedEntry = z.object({
  seq: z.number().int(),
  time: z.string(),
  actor: z.string(),
  clientAddress: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(["success", "failure", "denied"]),
  detail: z.record(z.string(), z.unknown()),
});

const Unusual = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("denial-burst"),
    by: z.enum(["actor", "address"]),
    who: z.string(),
    count: z.number().int(),
    from: z.string(),
    to: z.string(),
  }),
  z.object({
    kind: z.literal("new-address"),
    actor: z.string(),
    clientAddress: z.string(),
    firstSeen: z.string(),
  }),
  z.object({
    kind: z.literal("outside-hours"),
    actor: z.string(),
    count: z.number().int(),
    first: z.string(),
    last: z.string(),
  }),
]);

const Review = z.object({
  since: z.string(),
  until: z.string(),
  entries: z.number().int().describe("Audit entries in the period"),
  denied: z
    .array(ReviewedEntry)
    .describe("Requests refused by access control (failed logins are listed apart)"),
  failedLogins: z.array(ReviewedEntry.extend({ kind: z.enum(["failed", "locked-out"]) })),
  unusual: z.array(Unusual),
});

export function reviewRoutes(app: App, store: Store): void {
  app.get(
    "/api/review",
    {
      config: { access: { resource: "review", action: "read" } },
      schema: {
        summary: "Denied attempts, failed logins and unusual activity in the audit log over a period (G2.26)",
        tags: ["audit"],
        querystring: z.object({
          since: z
            .string()
            .optional()
            .describe("Date YYYY-MM-DD or ISO 8601 instant; default: a week before `until`"),
          until: z
            .string()
            .optional()
            .describe("Date YYYY-MM-DD or ISO 8601 instant, excluded; default: now"),
          burst: z
            .string()
            .optional()
            .describe("COUNT/MINUTES: refusals from one actor or address that are unusual (5/10)"),
          hours: z
            .string()
            .optional()
            .describe("START-END: working hours in Europe/London, Monday to Friday (7-19)"),
        }),
        response: { 200: Review },
      },
    },
    async (request) =>
      reviewAuditLog(
        store.db,
        reviewPeriod(request.query, store.clock.now()),
        reviewThresholds(request.query),
      ),
  );
}
