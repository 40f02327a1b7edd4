import type { Machine } from "./machine.js";
import { userScope } from "./payloads.js";
import {
  acceptResponse,
  agreeAlternative,
  close,
  reportFollowUp,
  reportProgress,
  requestFollowUp,
  setProgressDates,
  setResponseDue,
  startFieldwork,
  submitReport,
  submitResponse,
} from "./steps.js";

/**
 * A User Security Assessment in the yearly cycle (G8.21–G8.29): the assessor's fieldwork and report,
 * the User's response, the SSC's review of the steps it proposes, progress reports against the
 * timetable, and a Follow-up when the SSC asks for one.
 */
export const userAssessment: Machine = {
  kind: "user",
  clauses: "G8.21–G8.29",
  initial: "scheduled",
  final: ["closed"],
  transitions: {
    "start-fieldwork": startFieldwork({ clause: "G8.21", from: ["scheduled"], to: "fieldwork" }),
    "submit-report": submitReport({ clause: "G8.22", from: ["fieldwork"], to: "reported" }, userScope),
    "set-response-due": setResponseDue({ clause: "G8.24", from: ["reported"] }),
    "submit-response": submitResponse({ clause: "G8.26", from: ["reported"], to: "responded" }),
    "accept-response": acceptResponse({ clause: "G8.27(a)", from: ["responded"], to: "remediation" }),
    "agree-alternative": agreeAlternative({ clause: "G8.27(b)", from: ["responded"], to: "remediation" }),
    "set-progress-dates": setProgressDates({ clause: "G8.28(b)(i)", from: ["remediation"] }),
    "report-progress": reportProgress({ clause: "G8.28(b)", from: ["remediation"] }),
    "request-follow-up": requestFollowUp({ clause: "G8.29", from: ["remediation"], to: "follow-up" }),
    "report-follow-up": reportFollowUp({ clause: "G8.29", from: ["follow-up"], to: "followed-up" }),
    close: close(
      { clause: "G8.28(b)(ii)", from: ["responded", "remediation", "followed-up"], to: "closed" },
      "responded",
    ),
  },
};
