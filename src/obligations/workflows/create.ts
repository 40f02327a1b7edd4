import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { formatPath } from "../../common/structured-input.js";
import type { WorkspaceRole } from "../../workspace/access/principal.js";
import { type Peers, providerCustomers } from "../applicability/premises.js";
import type { PartyProfile } from "../profile.js";
import { isoDate } from "./payloads.js";
import { theParty } from "./steps.js";
import {
  emptyData,
  type WorkflowCategory,
  type WorkflowData,
  type WorkflowKind,
  workflowCategories,
  workflowKinds,
} from "./types.js";

/** What starting a workflow asks for (the API's POST body, the CLI's options). */
export const createRequest = z.strictObject({
  kind: z.enum(workflowKinds),
  category: z.enum(workflowCategories).optional(),
  scheduledFor: isoDate.optional(),
});
export type CreateRequest = z.input<typeof createRequest>;

/** Who schedules, and under which clause: the User books its assessments (G8.33, G8.40, G12.6); the
 * DCC has its own done (G9.3(b)). */
export const creation: Readonly<
  Record<WorkflowKind, { clause: string; categories: readonly WorkflowCategory[] }>
> = {
  user: { clause: "G8.40", categories: workflowCategories },
  entry: { clause: "G8.33", categories: ["full"] },
  "triage-entry": { clause: "G12.6", categories: ["full"] },
  dcc: { clause: "G9.3(b)", categories: ["full", "follow-up"] },
};
export const creators: readonly WorkspaceRole[] = theParty;

export type NewWorkflow = {
  readonly kind: WorkflowKind;
  readonly category: WorkflowCategory;
  readonly clause: string;
  readonly data: WorkflowData;
};

/**
 * A new workflow for a party, checked against its profile: DCC assessments only for the DCC and User
 * ones only for Users, a triage entry only for a Triage Facility Provider. When the party provides
 * Shared Resources, the workflow records the Shared Resource Users that must get copies (G10.7–G10.8).
 */
export function newWorkflow(profile: PartyProfile, peers: Peers, body: unknown): NewWorkflow {
  const parsed = createRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError({ path: formatPath(issue.path) || "body" }, issue.message);
  }
  const { kind, scheduledFor } = parsed.data;
  const rule = creation[kind];
  const category = parsed.data.category ?? (kind === "user" ? undefined : "full");
  if (category === undefined || !rule.categories.includes(category)) {
    throw new InputError(
      { path: "category" },
      `for a ${kind} assessment, one of ${rule.categories.join(", ")}`,
    );
  }
  if ((kind === "dcc") !== (profile.kind === "dcc")) {
    throw new InputError(
      { path: "kind" },
      profile.kind === "dcc"
        ? "dcc for the DCC, whose assessments follow G9 (it is not a User)"
        : `user, entry or triage-entry for ${profile.id}, which is not the DCC`,
    );
  }
  if (kind === "triage-entry" && !profile.roles.some((r) => r.role === "triage-facility-provider")) {
    throw new InputError(
      { path: "kind" },
      `a party with the triage-facility-provider role for triage-entry (G12.6)`,
    );
  }
  const customers = profile.roles.some((r) => r.role === "shared-resource-provider")
    ? Object.values(providerCustomers(profile, peers)).flatMap((list) => list.map((p) => p.id))
    : [];
  return {
    kind,
    category,
    clause: rule.clause,
    data: {
      ...emptyData,
      copiesTo: [...new Set(customers)].sort(),
      ...(scheduledFor === undefined ? {} : { scheduledFor }),
    },
  };
}
