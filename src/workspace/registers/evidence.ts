import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, obligationId, recordId, text } from "./fields.js";

/**
 * The evidence register: what shows an obligation is met — a stored file or a link — when it was
 * collected and until when it holds, how it was gathered (the assessment methods: examine,
 * interview, test), and the obligations (catalogue ids) it supports.
 */
export const evidenceMethods = ["examine", "interview", "test"] as const;

/** Computed by the server from the stored bytes (see ./engine.ts); never taken on trust from input. */
const storedFile = z.strictObject({
  name: text,
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "a media type like application/pdf"),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in lower-case hex"),
});

const evidenceSchema = z
  .strictObject({
    id: recordId,
    title: text,
    kind: z.enum(["file", "link"]),
    url: z.url({ protocol: /^https?$/, error: "an http or https URL" }).optional(),
    file: storedFile.optional(),
    collectedOn: isoDate,
    expiresOn: isoDate.optional(),
    method: z.enum(evidenceMethods),
    obligations: z.array(obligationId).min(1, "at least one obligation id the evidence supports"),
    /** An id in the systems register. */
    system: recordId.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.kind === "link" && e.url === undefined) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "the link's URL (kind is link)" });
    }
    if (e.kind === "link" && e.file !== undefined) {
      ctx.addIssue({ code: "custom", path: ["file"], message: "no file for a link" });
    }
    if (e.kind === "file" && e.file === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["file"],
        message: "the file itself, sent with the record (kind is file)",
      });
    }
    if (e.kind === "file" && e.url !== undefined) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "no url for a file (kind is file)" });
    }
    if (e.expiresOn !== undefined && e.expiresOn < e.collectedOn) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "a date on or after collectedOn" });
    }
  });

export type EvidenceRecord = z.output<typeof evidenceSchema>;

export const evidence: RegisterDefinition<EvidenceRecord> = {
  name: "evidence",
  noun: "evidence",
  schema: evidenceSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "title", kind: "text" },
    { key: "kind", kind: "text" },
    { key: "url", kind: "text" },
    { key: "file", kind: "json" },
    { key: "collectedOn", kind: "date" },
    { key: "expiresOn", kind: "date" },
    { key: "method", kind: "text" },
    { key: "obligations", kind: "list" },
    { key: "system", kind: "text" },
  ],
  attachment: { field: "file" },
};
