import { z } from "zod";
import { type Machine, type Transition, transition } from "./machine.js";
import { isoDate, notePayload, userScope } from "./payloads.js";
import {
  appeal,
  close,
  reportFollowUp,
  reportProgress,
  requestFollowUp,
  setResponseDue,
  ssc,
  startFieldwork,
  submitReport,
  submitResponse,
} from "./steps.js";
import { type AssuranceStatus, assuranceStatuses } from "./types.js";

/**
 * The initial Full User Security Assessment of User Entry (G8.33–G8.39): after the report and the
 * response the SSC passes both to the Panel (G8.34), which sets the assurance status (G8.36); the
 * Authority decides appeals (G8.39). Members of the SSC record the Panel's and the Authority's
 * decisions, which is why those steps belong to the ssc role.
 */
const statusPayload = z
  .strictObject({
    status: z.enum(assuranceStatuses),
    conditions: z.string().trim().min(1).optional(),
    followUpBy: isoDate.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.followUpBy !== undefined && p.status !== "approved-subject-to")
      ctx.addIssue({
        code: "custom",
        path: ["followUpBy"],
        message: "followUpBy only with approved-subject-to (G8.36(b)(ii))",
      });
  });

const statusStates: readonly [AssuranceStatus, ...AssuranceStatus[]] = assuranceStatuses;

/** G8.36 sets a status; G8.37(a) says which count as approval: 'approved' or 'approved subject to'
 * at once, and 'deferred' once the Panel is satisfied with the Follow-up (then set to approved). */
function setAssuranceStatus(clause: string, from: readonly string[], summary: string): Transition {
  return transition({
    clause,
    summary,
    roles: ssc,
    from,
    to: statusStates,
    target: ({ status }) => status,
    payload: statusPayload,
    record: ({ status, conditions, followUpBy }, { on, data }) => {
      const approved = status === "approved" || status === "approved-subject-to";
      const wasDeferred = data.assuranceStatus?.status === "deferred";
      return {
        ...data,
        assuranceStatus: {
          status,
          set: on,
          ...(conditions === undefined ? {} : { conditions }),
          ...(followUpBy === undefined ? {} : { followUpBy }),
        },
        ...(approved && data.approval === undefined
          ? { approval: { on, clause: wasDeferred ? ("G8.37(a)(ii)" as const) : ("G8.37(a)(i)" as const) } }
          : {}),
        ...(data.appeal && from.includes("appealed") ? { appeal: { ...data.appeal, determined: on } } : {}),
      };
    },
  });
}

function entryTable(first: string): Machine["transitions"] {
  return {
    "start-fieldwork": startFieldwork({ clause: first, from: ["scheduled"], to: "fieldwork" }),
    "start-second-assessment": startFieldwork({ clause: "G8.36(d)", from: ["rejected"], to: "fieldwork" }),
    "submit-report": submitReport({ clause: "G8.22", from: ["fieldwork"], to: "reported" }, userScope),
    "set-response-due": setResponseDue({ clause: "G8.24", from: ["reported"] }),
    "submit-response": submitResponse({ clause: "G8.26", from: ["reported"], to: "responded" }),
    "refer-to-panel": transition({
      clause: "G8.34",
      summary: "the SSC passes the report and the response to the Panel",
      roles: ssc,
      from: ["responded"],
      to: ["with-panel"],
      payload: notePayload,
      record: (_, { data }) => data,
    }),
    "set-assurance-status": setAssuranceStatus(
      "G8.36",
      ["with-panel", "followed-up"],
      "the Panel sets the assurance status: approved, approved subject to steps (and a Follow-up), deferred, rejected",
    ),
    "report-progress": reportProgress({ clause: "G8.38", from: ["approved-subject-to", "deferred"] }),
    "request-follow-up": requestFollowUp({
      clause: "G8.36(b)(ii)",
      from: ["approved-subject-to", "deferred"],
      to: "follow-up",
    }),
    "report-follow-up": reportFollowUp({ clause: "G8.29", from: ["follow-up"], to: "followed-up" }),
    appeal: appeal({
      clause: "G8.39",
      from: ["approved-subject-to", "deferred", "rejected"],
      to: "appealed",
    }),
    "determine-appeal": setAssuranceStatus(
      "G8.39",
      ["appealed"],
      "the Authority's final determination of the appeal, as the status it sets",
    ),
    close: close({ clause: "G8.38", from: ["approved-subject-to", "followed-up"], to: "closed" }),
  };
}

export const entryAssessment: Machine = {
  kind: "entry",
  clauses: "G8.22–G8.39",
  initial: "scheduled",
  final: ["approved", "closed"],
  transitions: entryTable("G8.33"),
};

/**
 * A Triage Facility Provider's initial Full assessment (G12.6–G12.7): the User Entry machine, plus the
 * SSC's explicit approval that 'approved subject to' requires before any Triage Activities.
 */
export const triageEntryAssessment: Machine = {
  kind: "triage-entry",
  clauses: "G12.6–G12.7, G8.22–G8.39",
  initial: "scheduled",
  final: ["approved", "closed"],
  transitions: {
    ...entryTable("G12.6"),
    "approve-triage": transition({
      clause: "G12.7(b)",
      summary: "the SSC approves Triage Activities explicitly after an 'approved subject to' status",
      roles: ssc,
      from: ["approved-subject-to", "follow-up", "followed-up", "closed"],
      to: ["approved-subject-to", "follow-up", "followed-up", "closed"],
      target: (_, { state }) => state,
      payload: notePayload,
      refuse: (_, { data }) => {
        if (data.assuranceStatus?.status !== "approved-subject-to")
          return { path: "transition", expected: "an 'approved subject to' status (G12.7(b))" };
        return data.triageApproved === undefined
          ? undefined
          : { path: "transition", expected: `no approval yet (given ${data.triageApproved})` };
      },
      record: (_, { on, data }) => ({ ...data, triageApproved: on }),
    }),
  },
};
