import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { type IsoDate, isIsoDate } from "../../obligations/calendar/iso-date.js";
import { entriesFor } from "../../obligations/catalogue/index.js";

/** Field schemas the register definitions share, so every register refuses bad values alike. */

/** Ids appear in URLs and in audit targets: letters, digits and . _ - only. */
export const recordId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "an id of letters, digits, '.', '_' and '-' (at most 128)");

export const text = z.string().trim().min(1, "a non-empty text");

export const isoDate = z.custom<IsoDate>(
  (v) => typeof v === "string" && isIsoDate(v),
  "a real calendar date written YYYY-MM-DD",
);

/** An instant in UTC written as ISO 8601 with seconds, e.g. 2026-01-05T09:00:00Z. */
export const utcInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/,
    "an ISO-8601 UTC timestamp like 2026-01-05T09:00:00Z",
  )
  .refine((v) => !Number.isNaN(Date.parse(v)), "a real date and time");

export const partyId = z.string().regex(/^[a-z0-9-]+$/, "a party id of lower-case letters, digits and '-'");

/**
 * An obligation id as the catalogue names it: a clause ("G3.1") or one of its paragraphs
 * ("G8.42(b)"), whose clause the catalogue knows under some Code version.
 */
export const obligationId = z.string().superRefine((value, ctx) => {
  const match = /^(G\d+\.\d+[A-Z]?)((\([a-z0-9]+\))*)$/.exec(value);
  if (!match || entriesFor(match[1]!).length === 0) {
    ctx.addIssue({
      code: "custom",
      message: `a Section G clause or paragraph id in the catalogue (not "${value}")`,
    });
  }
});

/** Reports an InputError raised by a reused parser (people, allowlists) as a zod issue at its key path. */
export function issueFrom(
  ctx: z.RefinementCtx,
  error: unknown,
  dropPrefix: RegExp,
  under: readonly (string | number)[] = [],
): void {
  if (!(error instanceof InputError)) throw error;
  const tail = (error.where.path ?? "").replace(dropPrefix, "");
  const path = [...tail.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) =>
    m[1] === undefined ? m[2]! : Number(m[1]),
  );
  ctx.addIssue({ code: "custom", message: error.expected, path: [...under, ...path] });
}
