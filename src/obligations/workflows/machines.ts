import { dccAssessment } from "./dcc-assessment.js";
import { entryAssessment, triageEntryAssessment } from "./entry-assessment.js";
import type { Machine } from "./machine.js";
import type { WorkflowKind } from "./types.js";
import { userAssessment } from "./user-assessment.js";

export const machines: Readonly<Record<WorkflowKind, Machine>> = {
  user: userAssessment,
  entry: entryAssessment,
  "triage-entry": triageEntryAssessment,
  dcc: dccAssessment,
};
