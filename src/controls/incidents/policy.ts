import { z } from "zod";

/**
 * How long the party allows itself for duties the Code times only in words: "promptly", "as soon
 * as reasonably practicable", and the assessments due "on the occurrence" of an incident. The Code
 * sets no number; the party's own ISMS does, and the answer is only as good as these values.
 */
export const policySchema = z
  .object({
    promptlyHours: z.number().positive("a positive number of hours"),
    asSoonAsReasonablyPracticableHours: z.number().positive("a positive number of hours").optional(),
    assessmentWithinDays: z.number().int("a whole number").positive("a positive number of days").optional(),
    riskReviewWithinDays: z.number().int("a whole number").positive("a positive number of days").optional(),
  })
  .strict();

export type Policy = z.output<typeof policySchema>;

export type Duty = {
  readonly clause: string;
  readonly action: string;
  /** A UTC timestamp; null when neither the Code nor the policy gives a time. */
  readonly due: string | null;
};

const hourMs = 3_600_000;

export function dueAfter(from: number, hours: number | undefined): string | null {
  return hours === undefined ? null : new Date(from + hours * hourMs).toISOString().replace(".000Z", "Z");
}

export function daysToHours(days: number | undefined): number | undefined {
  return days === undefined ? undefined : days * 24;
}
