import type { CompletedAssessment } from "../profile.js";
import type { WorkflowCategory, WorkflowData, WorkflowKind } from "./types.js";

export type WorkflowFacts = {
  readonly kind: WorkflowKind;
  readonly category: WorkflowCategory;
  readonly data: WorkflowData;
};

/**
 * What a workflow adds to the party's assurance history, in the profile's `assurance` form that the
 * planner (src/obligations/assurance) counts from. The initial Full assessment counts as complete on
 * the day the Panel set 'approved' or 'approved subject to' (G8.37(a)(i), G8.40) — or, after a
 * deferral, on the day the Panel was satisfied by the Follow-up (G8.37(a)(ii), secg's reading of when
 * a deferred assessment completes) — and a Follow-up after that approval moves the first year's anchor
 * (G8.40). Any other assessment completes when the assessor reports (G8.22), its Follow-up when that
 * is reported (G8.29). A DCC assessment is not part of the User cycle (G9), so it adds nothing.
 */
export function completedAssessments(workflow: WorkflowFacts): CompletedAssessment[] {
  const { data } = workflow;
  const followUp = data.followUp?.completed;
  switch (workflow.kind) {
    case "dcc":
      return [];
    case "entry":
    case "triage-entry": {
      if (data.approval === undefined) return [];
      const initial: CompletedAssessment = { category: "full", completed: data.approval.on, initial: true };
      return followUp !== undefined && followUp >= data.approval.on
        ? [initial, { category: "follow-up", completed: followUp, initial: false }]
        : [initial];
    }
    case "user": {
      if (data.report === undefined) return [];
      const done: CompletedAssessment[] = [
        { category: workflow.category, completed: data.report.submitted, initial: false },
      ];
      if (followUp !== undefined) done.push({ category: "follow-up", completed: followUp, initial: false });
      return done;
    }
  }
}

/** A party's whole history from its workflows, oldest first, as the planner wants it. */
export function assuranceHistory(workflows: readonly WorkflowFacts[]): CompletedAssessment[] {
  return workflows
    .flatMap(completedAssessments)
    .sort((a, b) => (a.completed < b.completed ? -1 : a.completed > b.completed ? 1 : 0));
}

export type TriageStanding = "may-undertake" | "needs-ssc-approval" | "not-approved";

/** Whether a Triage Facility Provider may undertake Triage Activities after its initial assessment (G12.7). */
export function triageStanding(data: WorkflowData): { standing: TriageStanding; clause: string } {
  switch (data.assuranceStatus?.status) {
    case "approved":
      return { standing: "may-undertake", clause: "G12.7(a)" };
    case "approved-subject-to":
      return data.triageApproved === undefined
        ? { standing: "needs-ssc-approval", clause: "G12.7(b)" }
        : { standing: "may-undertake", clause: "G12.7(b)" };
    case "deferred":
    case "rejected":
      return { standing: "not-approved", clause: "G12.7(c)" };
    case undefined:
      return { standing: "not-approved", clause: "G12.6" };
  }
}
