import { z } from "zod";
import { type IsoDate, isIsoDate } from "../calendar/iso-date.js";
import { entriesFor } from "../catalogue/index.js";
import { findingKinds } from "./types.js";

/** The payloads steps carry. Unknown keys are refused so a misspelt field never goes unrecorded. */
export const isoDate = z
  .string()
  .refine(isIsoDate, "a calendar date as YYYY-MM-DD")
  .transform((text) => text as IsoDate);

const text = z.string().trim().min(1, "some text");
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "an id of letters, digits, '.', '_' or '-'");

const clauseShape = /^(G\d+\.\d+[A-Z]?)((\([a-z0-9]+\))*)$/;

/** The Section G parts an assessment looks at: G3 to G6 for Users (G8.16, G8.22(b)); G2 and G4 to
 * G6 for the DCC, beside its Licence Condition 8 and Appendix Z Sections 6 and 7 (G9.19(b)–(d)). */
export type FindingScope = { readonly parts: readonly string[]; readonly others: readonly string[] };
export const userScope: FindingScope = { parts: ["G3", "G4", "G5", "G6"], others: [] };
export const dccScope: FindingScope = { parts: ["G2", "G4", "G5", "G6"], others: ["LC8", "Z6", "Z7"] };

function obligationIn(scope: FindingScope) {
  const expected = `a clause of ${scope.parts.join(", ")} in the catalogue${
    scope.others.length ? ` or one of ${scope.others.join(", ")}` : ""
  }, e.g. ${scope.parts[1]}.1`;
  return z.string().refine((value) => {
    if (scope.others.includes(value)) return true;
    const base = clauseShape.exec(value)?.[1];
    return base !== undefined && scope.parts.includes(base.split(".")[0]!) && entriesFor(base).length > 0;
  }, expected);
}

export function reportPayload(scope: FindingScope) {
  return z
    .strictObject({
      summary: text,
      findings: z
        .array(
          z.strictObject({
            id,
            obligation: obligationIn(scope),
            kind: z.enum(findingKinds),
            summary: text,
            evidence: z.array(id).default([]),
          }),
        )
        .default([]),
    })
    .superRefine((report, ctx) => {
      const seen = new Set<string>();
      report.findings.forEach((finding, i) => {
        if (seen.has(finding.id))
          ctx.addIssue({
            code: "custom",
            path: ["findings", i, "id"],
            message: `a unique finding id (${finding.id} repeats)`,
          });
        seen.add(finding.id);
      });
    });
}

const step = z.strictObject({ description: text, by: isoDate.optional(), done: z.boolean().optional() });

export const answers = z.array(
  z
    .strictObject({
      finding: id,
      accepted: z.boolean(),
      reason: text.optional(),
      steps: z.array(step).default([]),
    })
    .superRefine((answer, ctx) => {
      // G8.26(a), G9.23(a): a finding not accepted is explained.
      if (!answer.accepted && answer.reason === undefined)
        ctx.addIssue({ code: "custom", path: ["reason"], message: "a reason when the finding is disputed" });
      // G8.26(c), G9.23(c): steps not yet taken come with a timetable.
      answer.steps.forEach((s, i) => {
        if (!s.done && s.by === undefined)
          ctx.addIssue({
            code: "custom",
            path: ["steps", i, "by"],
            message: "a date for a step not yet taken",
          });
      });
    }),
);

export const responsePayload = z.strictObject({ answers });
export const duePayload = z.strictObject({ due: isoDate });
export const datesPayload = z.strictObject({ due: z.array(isoDate).min(1, "at least one date") });
export const acceptPayload = z.strictObject({
  progressReportsDue: z.array(isoDate).default([]),
  note: text.optional(),
});
export const alternativePayload = z.strictObject({
  agreedSteps: answers.min(1, "the steps agreed instead"),
  progressReportsDue: z.array(isoDate).default([]),
  note: text.optional(),
});
export const progressPayload = z.strictObject({
  summary: text,
  completed: z.boolean().default(false),
  failures: text.optional(),
});
export const followUpRequestPayload = z.strictObject({ by: isoDate, matters: text.optional() });
export const followUpReportPayload = z.strictObject({ summary: text, stepsTaken: z.boolean() });
export const notePayload = z.strictObject({ note: text.optional() });
export const appealPayload = z.strictObject({ grounds: text });
