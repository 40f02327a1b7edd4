import { InputError } from "../../common/input-error.js";
import type { Peers } from "../applicability/premises.js";
import type { IsoDate } from "../calendar/iso-date.js";
import { addMonths } from "../calendar/months.js";
import type { PartyProfile } from "../profile.js";
import { categoryName, nextAcross } from "./cycles.js";
import { type AssuranceHistory, type CycleCategory, readHistory } from "./history.js";
import { type Standing, standingOf } from "./standing.js";

/**
 * The next User Security Assessments a party owes (G8.33, G8.40–G8.50, G8.63, G12.8). Each `due` is the
 * last day by which the assessment must be booked with the assessor (for a Self-Assessment, the last day
 * to submit it for review, G8.50(b)): 12 months, by the corresponding-date rule, after the one before.
 * Assessments not yet done are projected as completed on their due dates, which is why a plan from
 * 29 February stays on 28 February from the second year on.
 */
export type PlannedAssessment = {
  /**
   * "ssc-determined" for a Triage Facility Provider (G12.8); "undetermined" where G8.40 asks for an
   * assessment but no paragraph of G8.41–G8.47 says which kind (see standing.ts).
   */
  readonly category: CycleCategory | "ssc-determined" | "undetermined";
  readonly due: IsoDate;
  readonly clause: string;
  readonly because: string;
};

/** Before User Entry there is nothing to count from: the initial Full comes first, undated. */
export type EntryAssessment = {
  readonly category: "full";
  readonly due: null;
  readonly clause: "G8.33";
  readonly because: string;
};

export type AssurancePlan = {
  readonly party: string;
  readonly next: readonly PlannedAssessment[] | readonly [EntryAssessment];
  readonly because: readonly string[];
};

export const defaultCount = 3;
export const maxCount = 1000;

type Entered = Extract<AssuranceHistory, { entered: true }>;

/** What the first due date counts from (G8.40) or, later, the assessment before. */
function startingPoint(history: Entered, clause: "G8.40" | "G12.8"): { date: IsoDate; what: string } {
  const last = history.cycle[history.cycle.length - 1]!;
  if (history.cycle.length > 1)
    return { date: last.completed, what: `the ${categoryName(last.category)} completed ${last.completed}` };
  if (clause === "G8.40" && history.initialFollowUp !== undefined) {
    return {
      date: history.initialFollowUp,
      what: `the Follow-up of the initial Full assessment on ${history.initialFollowUp} (G8.40)`,
    };
  }
  return {
    date: history.initial,
    what: `the initial Full assessment's approval on ${history.initial} (${clause})`,
  };
}

function userCycle(
  standing: Extract<Standing, { kind: "user" }>,
  history: Entered,
  count: number,
): PlannedAssessment[] {
  const done = history.cycle.map((a) => a.category);
  let { date, what } = startingPoint(history, "G8.40");
  const next: PlannedAssessment[] = [];
  for (let i = 0; i < count; i++) {
    const step = nextAcross(standing.cycles, done);
    const due = addMonths(date, 12);
    const submit =
      step.category === "self" ? "; a Self-Assessment is submitted for review by then (G8.50(b))" : "";
    next.push({
      category: step.category,
      due,
      clause: step.clause,
      because: `${step.rule}; due 12 months after ${what}${submit}`,
    });
    done.push(step.category);
    date = due;
    what = `the ${categoryName(step.category)} projected for ${due}`;
  }
  return next;
}

/** A yearly booking whose category the cycles of G8.41–G8.47 do not set. */
function yearly(
  history: Entered,
  count: number,
  category: "ssc-determined" | "undetermined",
  clause: "G8.40" | "G12.8",
  rule: string,
): PlannedAssessment[] {
  // G12.8 counts from each User Security Assessment; a Follow-up is not one (G8.19). G8.40 counts the
  // initial assessment's Follow-up.
  let { date, what } = startingPoint(history, clause);
  const next: PlannedAssessment[] = [];
  for (let i = 0; i < count; i++) {
    const due = addMonths(date, 12);
    next.push({ category, due, clause, because: `${rule}; due 12 months after ${what}` });
    date = due;
    what = `the assessment projected for ${due}`;
  }
  return next;
}

export function planAssurance(
  party: PartyProfile,
  peers: Peers,
  count: number = defaultCount,
): AssurancePlan {
  if (!Number.isInteger(count) || count < 1 || count > maxCount) {
    throw new InputError(
      { path: "count" },
      `a whole number of assessments from 1 to ${maxCount} (got ${count})`,
    );
  }
  const history = readHistory(party.assurance);
  const standing = standingOf(party, peers);
  const because = standing.because;
  if (standing.kind === "dcc") return { party: party.id, next: [], because };
  if (!history.entered) {
    const triage =
      standing.kind === "triage"
        ? "; a Triage Facility Provider needs it before any Triage Activities (G12.6)"
        : "";
    const entry: EntryAssessment = {
      category: "full",
      due: null,
      clause: "G8.33",
      because: `no initial Full assessment is complete: a Party must pass one for a User Role before acting in it, and it counts as complete when the Panel sets 'approved' or 'approved subject to' (G8.33, G8.40)${triage}`,
    };
    return { party: party.id, next: [entry], because };
  }
  switch (standing.kind) {
    case "not-user":
    case "excused":
      return { party: party.id, next: [], because };
    case "triage":
      return {
        party: party.id,
        next: yearly(
          history,
          count,
          "ssc-determined",
          "G12.8",
          "the SSC decides whether it is a Full, Verification or Self-Assessment, weighing the risks seen since the last one and the volume of Devices triaged",
        ),
        because,
      };
    case "uncategorised":
      return {
        party: party.id,
        next: yearly(
          history,
          count,
          "undetermined",
          "G8.40",
          "an assessment within 12 months of the last, of a kind no paragraph of G8.41–G8.47 sets for this party",
        ),
        because,
      };
    case "user":
      return { party: party.id, next: userCycle(standing, history, count), because };
  }
}
