/**
 * A party's security policy over HTTP: the periods and thresholds the Code leaves to the party,
 * which the rule checks take instead of their defaults. Read by whoever may read the party's
 * controls; set by its owner and security officer (resource `controls`, action `write`), audited.
 */
import { z } from "zod";
import { originFor } from "../../workspace/access/principal.js";
import { partyPoliciesOf } from "../../workspace/party-policy.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const Policy = z
  .object({
    coolingOffDays: z.number().optional().describe("G2.24(b), G3.13(b): days, default 0"),
    sscApprovedDevGapMonths: z.number().optional().describe("G2.22B(c): 0–24 months, default 24"),
    promptHours: z.number().optional().describe('What "promptly" means, in hours (1–720), default 24'),
    followUpDays: z.number().optional().describe("Days where the Code sets no period (0–365), default 30"),
    anomalyRules: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .describe("As `secg anomalies detect --rules`"),
  })
  .passthrough();

const Stored = z.object({
  policy: Policy,
  version: z.number().describe("0 when the party has set no policy"),
  sha256: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export function partyPolicyRoutes(app: App, store: Store): void {
  const policies = partyPoliciesOf(store.db, store.clock);
  app.get(
    "/api/parties/:party/policy",
    {
      config: { access: { resource: "controls", action: "read" } },
      schema: {
        summary: "The party's security policy, as the rule checks read it",
        tags: ["controls"],
        params: z.object({ party: z.string() }),
        response: { 200: Stored, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const stored = await policies.get(request.params.party);
      if (!stored) return sendError(reply, 404, `no party with id ${request.params.party}`, "party");
      return stored;
    },
  );
  app.put(
    "/api/parties/:party/policy",
    {
      config: { access: { resource: "controls", action: "write" } },
      schema: {
        summary: "Replace the party's security policy (unknown keys refused)",
        tags: ["controls"],
        params: z.object({ party: z.string() }),
        body: z.record(z.string(), z.unknown()),
        response: {
          200: Stored.extend({ outcome: z.enum(["created", "updated", "unchanged"]) }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      if (!(await policies.get(party))) return sendError(reply, 404, `no party with id ${party}`, "party");
      const { stored, outcome } = await policies.set(
        party,
        JSON.stringify(request.body),
        "body",
        originFor(request.principal, request.ip, request.id),
      );
      return { ...stored, outcome };
    },
  );
}
