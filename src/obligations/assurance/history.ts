import { InputError } from "../../common/input-error.js";
import { type IsoDate, parseIsoDate } from "../calendar/iso-date.js";
import type { CompletedAssessment } from "../profile.js";

/**
 * A party's completed assessments read as G8 needs them. Before the initial Full assessment only entry
 * assessments happen (Full ones, a second Full after a rejection, Follow-ups: G8.33, G8.36); the one
 * that won approval is marked `initial: true` and dated when the Panel set 'approved' or 'approved
 * subject to' (G8.40). After it, the yearly cycle counts Full, Verification and Self assessments; a
 * Follow-up is not one of those (G8.19 places it after a User Security Assessment), except that a
 * Follow-up of the initial assessment restarts the first 12 months (G8.40). A later Full marked
 * initial (User Entry for a further role, G8.33) is a Full like any other as far as the cycle goes.
 */
export type CycleCategory = "full" | "verification" | "self";
export type CycleAssessment = { readonly category: CycleCategory; readonly completed: IsoDate };

export type AssuranceHistory =
  | { readonly entered: false }
  | {
      readonly entered: true;
      readonly initial: IsoDate;
      /** The last Follow-up of the initial assessment, when there was one (G8.40). */
      readonly initialFollowUp: IsoDate | undefined;
      /** The initial Full first, then every later Full, Verification and Self assessment, oldest first. */
      readonly cycle: readonly CycleAssessment[];
    };

/** Reads the profile's `assurance` list (oldest first, as the profile format requires). */
export function readHistory(assurance: readonly CompletedAssessment[]): AssuranceHistory {
  const initialAt = assurance.findIndex((a) => a.initial);
  assurance.forEach((a, i) => {
    if (a.initial && a.category !== "full") {
      throw new InputError(
        { path: `assurance[${i}].initial` },
        "initial: true only on a full assessment (the initial assessment is a Full one, G8.33)",
      );
    }
    if ((initialAt === -1 || i < initialAt) && (a.category === "verification" || a.category === "self")) {
      throw new InputError(
        { path: `assurance[${i}].category` },
        "full or follow-up before the initial Full assessment (initial: true): the yearly cycle starts after it (G8.40)",
      );
    }
  });
  if (initialAt === -1) return { entered: false };
  const dated = (i: number) => parseIsoDate(assurance[i]!.completed, { path: `assurance[${i}].completed` });

  let initialFollowUp: IsoDate | undefined;
  const cycle: CycleAssessment[] = [{ category: "full", completed: dated(initialAt) }];
  for (let i = initialAt + 1; i < assurance.length; i++) {
    const { category } = assurance[i]!;
    if (category !== "follow-up") cycle.push({ category, completed: dated(i) });
    else if (cycle.length === 1) initialFollowUp = dated(i);
  }
  return { entered: true, initial: cycle[0]!.completed, initialFollowUp, cycle };
}
