import type { WorkspaceRole } from "../../workspace/access/principal.js";
import { type Transition, transition } from "./machine.js";
import {
  acceptPayload,
  alternativePayload,
  appealPayload,
  datesPayload,
  duePayload,
  type FindingScope,
  followUpReportPayload,
  followUpRequestPayload,
  notePayload,
  progressPayload,
  reportPayload,
  responsePayload,
} from "./payloads.js";
import type { FindingAnswer, WorkflowData } from "./types.js";

/**
 * The steps every assessment shares — fieldwork, report, response, the SSC's review, progress reports,
 * Follow-up — written once and placed in each machine's table with that machine's clause and states.
 */
export const assessor: readonly WorkspaceRole[] = ["auditor"];
export const theParty: readonly WorkspaceRole[] = ["owner", "security-officer"];
export const ssc: readonly WorkspaceRole[] = ["ssc"];

type Place = { readonly clause: string; readonly from: readonly string[] };
type Placed = Place & { readonly to: string };

/** Steps proposed and not yet taken (G8.26(b)–(c)): what the SSC's review and Follow-up are about. */
export function proposesSteps(data: WorkflowData): boolean {
  return (data.response?.answers ?? []).some((a) => a.steps.some((s) => !s.done));
}

export function startFieldwork({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the assessor starts the assessment",
    roles: assessor,
    from,
    to: [to],
    payload: notePayload,
    record: (_, { on, data }) => ({ ...data, fieldworkStarted: on }),
  });
}

export function submitReport({ clause, from, to }: Placed, scope: FindingScope): Transition {
  return transition({
    clause,
    summary: "the assessor submits the report with its findings, to the SSC and the party",
    roles: assessor,
    from,
    to: [to],
    payload: reportPayload(scope),
    record: (report, { on, data }) => {
      const { response: _, review: __, ...rest } = data;
      return { ...rest, report: { submitted: on, ...report } };
    },
  });
}

export function setResponseDue({ clause, from }: Place): Transition {
  return transition({
    clause,
    summary: "the SSC sets the date by which the response is due",
    roles: ssc,
    from,
    to: [from[0]!],
    target: (_, { state }) => state,
    payload: duePayload,
    record: ({ due }, { data }) => ({ ...data, responseDue: due }),
  });
}

function answersRefusal(answers: readonly FindingAnswer[], data: WorkflowData) {
  const findings = (data.report?.findings ?? []).map((f) => f.id);
  const answered = answers.map((a) => a.finding);
  const unknown = answered.findIndex((f, i) => !findings.includes(f) || answered.indexOf(f) !== i);
  if (unknown !== -1) {
    return {
      path: `answers[${unknown}].finding`,
      expected: `each finding of the report answered once (${findings.join(", ") || "the report has none"})`,
    };
  }
  const missing = findings.filter((f) => !answered.includes(f));
  if (missing.length > 0)
    return { path: "answers", expected: `an answer to every finding (missing ${missing.join(", ")})` };
  return undefined;
}

export function submitResponse({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the party submits its response: each finding accepted or disputed, steps and timetable",
    roles: theParty,
    from,
    to: [to],
    payload: responsePayload,
    refuse: ({ answers }, { data }) => answersRefusal(answers, data),
    record: ({ answers }, { on, data }) => ({ ...data, response: { submitted: on, answers } }),
  });
}

const noStepsProposed = {
  path: "transition",
  expected: "a response proposing steps not yet taken (only then does the SSC review them)",
};

export function acceptResponse({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the SSC accepts the proposed steps and timetable, and may set progress report dates",
    roles: ssc,
    from,
    to: [to],
    payload: acceptPayload,
    refuse: (_, { data }) => (proposesSteps(data) ? undefined : noStepsProposed),
    record: ({ progressReportsDue, note }, { on, data }) => ({
      ...data,
      review: { decided: on, outcome: "accepted", ...(note === undefined ? {} : { note }) },
      progressReportsDue,
    }),
  });
}

export function agreeAlternative({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the SSC and the party agree other steps or another timetable",
    roles: ssc,
    from,
    to: [to],
    payload: alternativePayload,
    refuse: ({ agreedSteps }, { data }) => {
      if (!proposesSteps(data)) return noStepsProposed;
      const findings = (data.report?.findings ?? []).map((f) => f.id);
      const stray = agreedSteps.findIndex((a) => !findings.includes(a.finding));
      return stray === -1
        ? undefined
        : {
            path: `agreedSteps[${stray}].finding`,
            expected: `a finding of the report (${findings.join(", ")})`,
          };
    },
    record: ({ agreedSteps, progressReportsDue, note }, { on, data }) => ({
      ...data,
      review: {
        decided: on,
        outcome: "alternative-agreed",
        agreedSteps,
        ...(note === undefined ? {} : { note }),
      },
      progressReportsDue,
    }),
  });
}

export function setProgressDates({ clause, from }: Place): Transition {
  return transition({
    clause,
    summary: "the SSC sets the dates of progress reports",
    roles: ssc,
    from,
    to: [from[0]!],
    target: (_, { state }) => state,
    payload: datesPayload,
    record: ({ due }, { data }) => ({
      ...data,
      progressReportsDue: [...data.progressReportsDue, ...due].sort(),
    }),
  });
}

export function reportProgress({ clause, from }: Place): Transition {
  return transition({
    clause,
    summary: "the party reports progress, completion, or a failure to complete with its reasons",
    roles: theParty,
    from,
    to: [from[0]!],
    target: (_, { state }) => state,
    payload: progressPayload,
    refuse: ({ completed, failures }) =>
      completed && failures !== undefined
        ? { path: "failures", expected: "no failures when the steps are reported completed" }
        : undefined,
    record: (report, { on, data }) => ({
      ...data,
      progressReports: [...data.progressReports, { submitted: on, ...report }],
    }),
  });
}

export function requestFollowUp({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the SSC asks the assessor for a Follow-up assessment by a date",
    roles: ssc,
    from,
    to: [to],
    payload: followUpRequestPayload,
    refuse: ({ by }, { on }) => (by < on ? { path: "by", expected: `a date on or after ${on}` } : undefined),
    record: ({ by, matters }, { on, data }) => ({
      ...data,
      followUp: { requested: on, by, ...(matters === undefined ? {} : { matters }) },
    }),
  });
}

export function reportFollowUp({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the assessor reports how far the agreed steps were taken in time",
    roles: assessor,
    from,
    to: [to],
    payload: followUpReportPayload,
    record: ({ summary, stepsTaken }, { on, data }) => ({
      ...data,
      followUp: { requested: on, by: on, ...data.followUp, completed: on, summary, stepsTaken },
    }),
  });
}

/** `reviewState`: where the response waits for the SSC; closing there needs no steps to review. */
export function close({ clause, from, to }: Placed, reviewState?: string): Transition {
  return transition({
    clause,
    summary: "the SSC closes the assessment",
    roles: ssc,
    from,
    to: [to],
    payload: notePayload,
    refuse: (_, { state, data }) =>
      state === reviewState && proposesSteps(data)
        ? { path: "transition", expected: "the SSC's review of the proposed steps before closing" }
        : undefined,
    record: (_, { on, data }) => ({ ...data, closed: on }),
  });
}

export function appeal({ clause, from, to }: Placed): Transition {
  return transition({
    clause,
    summary: "the party appeals the decision",
    roles: theParty,
    from,
    to: [to],
    payload: appealPayload,
    record: ({ grounds }, { on, data }) => ({ ...data, appeal: { lodged: on, grounds } }),
  });
}
