import { z } from "zod";
import { type Machine, type Transition, transition } from "./machine.js";
import { dccScope } from "./payloads.js";
import {
  acceptResponse,
  agreeAlternative,
  appeal,
  close,
  reportFollowUp,
  reportProgress,
  requestFollowUp,
  setProgressDates,
  setResponseDue,
  ssc,
  startFieldwork,
  submitReport,
  submitResponse,
} from "./steps.js";

/**
 * A DCC Security Assessment (G9.19–G9.33): the independent provider's report, the DCC's response, then
 * the compliance status the SSC records (G9.29): no non-compliances, or the ones that remain, with what
 * it requires — the steps of G9.24 or a Follow-up (G9.30) — and the Panel told of them (G9.31). The DCC
 * appeals to the Panel and then the Authority (G9.33); members of the SSC record the outcome.
 */
const compliancePayload = z
  .strictObject({
    nonCompliances: z.array(z.string().trim().min(1)).default([]),
    requirement: z.enum(["steps", "follow-up"]).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.nonCompliances.length > 0 && p.requirement === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["requirement"],
        message: "steps or follow-up where non-compliances remain (G9.30)",
      });
    if (p.nonCompliances.length === 0 && p.requirement !== undefined)
      ctx.addIssue({
        code: "custom",
        path: ["requirement"],
        message: "no requirement when no non-compliances remain",
      });
  });

function setComplianceStatus(clause: string, from: readonly string[], summary: string): Transition {
  return transition({
    clause,
    summary,
    roles: ssc,
    from,
    to: ["compliant", "non-compliant"],
    target: ({ nonCompliances }) => (nonCompliances.length === 0 ? "compliant" : "non-compliant"),
    payload: compliancePayload,
    record: ({ nonCompliances, requirement }, { on, data, state }) => ({
      ...data,
      complianceStatus: {
        set: on,
        nonCompliances,
        ...(requirement === undefined ? {} : { requirement }),
        panelNotified: nonCompliances.length > 0,
      },
      ...(state === "appealed" && data.appeal ? { appeal: { ...data.appeal, determined: on } } : {}),
    }),
  });
}

export const dccAssessment: Machine = {
  kind: "dcc",
  clauses: "G9.19–G9.33",
  initial: "scheduled",
  final: ["closed"],
  transitions: {
    "start-fieldwork": startFieldwork({ clause: "G9.19", from: ["scheduled"], to: "fieldwork" }),
    "submit-report": submitReport({ clause: "G9.19", from: ["fieldwork"], to: "reported" }, dccScope),
    "set-response-due": setResponseDue({ clause: "G9.21", from: ["reported"] }),
    "submit-response": submitResponse({ clause: "G9.23", from: ["reported"], to: "responded" }),
    "set-compliance-status": setComplianceStatus(
      "G9.29",
      ["responded", "followed-up"],
      "the SSC records that no non-compliances remain, or the ones that do and what it requires",
    ),
    "accept-response": acceptResponse({ clause: "G9.24(a)", from: ["non-compliant"], to: "remediation" }),
    "agree-alternative": agreeAlternative({ clause: "G9.24(b)", from: ["non-compliant"], to: "remediation" }),
    "set-progress-dates": setProgressDates({ clause: "G9.25(b)(i)", from: ["remediation"] }),
    "report-progress": reportProgress({ clause: "G9.25(b)", from: ["remediation"] }),
    "request-follow-up": requestFollowUp({
      clause: "G9.30(b)",
      from: ["non-compliant", "remediation"],
      to: "follow-up",
    }),
    "report-follow-up": reportFollowUp({ clause: "G9.26", from: ["follow-up"], to: "followed-up" }),
    appeal: appeal({ clause: "G9.33", from: ["non-compliant"], to: "appealed" }),
    "determine-appeal": setComplianceStatus(
      "G9.33",
      ["appealed"],
      "the outcome of the appeal to the Panel (or, after it, the Authority), as the status it leaves",
    ),
    close: close({ clause: "G9.29", from: ["compliant", "remediation", "followed-up"], to: "closed" }),
  },
};
