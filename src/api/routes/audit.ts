/**
 * The audit log over HTTP, read-only: the latest signed checkpoint, inclusion and consistency
 * proofs (RFC 9162 §2.1.3, §2.1.4) over the integrated tree, the entries page by page, and every
 * public key that signed. Hashes are base64, as in the checkpoint format.
 */
import { Readable } from "node:stream";
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { bundleLines } from "../../workspace/audit-log/bundle.js";
import { latestCheckpoint, registeredKeys } from "../../workspace/audit-log/checkpoints.js";
import { verifierKey } from "../../workspace/audit-log/note.js";
import { consistencyProof, inclusionProof, leaves, treeSize } from "../../workspace/audit-log/tree.js";
import { partyAuditEntries } from "../../workspace/party-audit.js";
import { instant } from "../../workspace/review.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import { ReviewedEntry } from "./review.js";

const Count = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// 400, 401 and 403 are added to every route's document centrally (errors.ts).
const notFound = { 404: ErrorBody };
const tags = ["audit"];
const maxPage = 1000;

const Checkpoint = z.object({
  origin: z.string(),
  size: z.number().int(),
  root: z.string().describe("base64 RFC 6962 root hash"),
  keyName: z.string(),
  signedAt: z.string(),
  note: z.string().describe("The C2SP tlog-checkpoint signed note, exactly as signed"),
});

export function auditRoutes(app: App, store: Store): void {
  const db = store.db;

  app.get(
    "/api/audit/checkpoint",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: { summary: "The latest signed checkpoint", tags, response: { 200: Checkpoint, ...notFound } },
    },
    async (_request, reply) => {
      const checkpoint = await latestCheckpoint(db);
      if (!checkpoint) return sendError(reply, 404, "no checkpoint has been signed yet");
      const { origin, size, root, keyName, signedAt, note } = checkpoint;
      return { origin, size, root: root.toString("base64"), keyName, signedAt, note };
    },
  );

  app.get(
    "/api/audit/proof/inclusion",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: "The inclusion proof of leaf `index` in the tree of `size` entries",
        tags,
        querystring: z.object({ index: Count, size: Count }),
        response: {
          200: z.object({ index: z.number(), size: z.number(), proof: z.array(z.string()) }),
        },
      },
    },
    async (request) => {
      const { index, size } = request.query;
      await requireSize(size, "size");
      if (index >= size) throw new InputError({ path: "index" }, `a leaf index below size ${size}`);
      const proof = await inclusionProof(db, index, size);
      return { index, size, proof: proof.map((hash) => hash.toString("base64")) };
    },
  );

  app.get(
    "/api/audit/proof/consistency",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: "The consistency proof from the tree of `from` entries to the tree of `to`",
        tags,
        querystring: z.object({ from: Count, to: Count }),
        response: {
          200: z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) }),
        },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      await requireSize(to, "to");
      if (from > to) throw new InputError({ path: "from" }, `a size no larger than to (${to})`);
      const proof = await consistencyProof(db, from, to);
      return { from, to, proof: proof.map((hash) => hash.toString("base64")) };
    },
  );

  app.get(
    "/api/audit/entries",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: `Integrated entries from leaf index \`from\`, at most \`limit\` (≤ ${maxPage}) per page`,
        tags,
        querystring: z.object({ from: Count.default(0), limit: Count.max(maxPage).default(100) }),
        response: {
          200: z.object({
            size: z.number().int(),
            entries: z.array(
              z.object({
                index: z.number(),
                seq: z.number(),
                leafHash: z.string(),
                entry: z
                  .string()
                  .nullable()
                  .describe("null once a retention removed the text; the hash stays"),
              }),
            ),
            next: z.number().int().nullable().describe("The `from` of the next page, null on the last"),
          }),
        },
      },
    },
    async (request) => {
      const { from, limit } = request.query;
      const size = await treeSize(db);
      const rows = await leaves(db, from, limit, size);
      const end = from + rows.length;
      return {
        size,
        entries: rows.map((row) => ({
          index: row.index,
          seq: row.seq,
          leafHash: row.hash.toString("base64"),
          entry: row.entry,
        })),
        next: end < size && rows.length > 0 ? end : null,
      };
    },
  );

  app.get(
    "/api/audit/keys",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: "Every public key that signed a checkpoint, oldest first",
        tags,
        response: {
          200: z.object({
            keys: z.array(
              z.object({
                name: z.string(),
                publicKey: z.string().describe("base64 Ed25519 public key"),
                verifierKey: z.string().describe("signed-note verifier key: name+keyid+base64(0x01||key)"),
                registeredAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      keys: (await registeredKeys(db)).map((key) => ({
        name: key.name,
        publicKey: key.publicKey.toString("base64"),
        verifierKey: verifierKey(key),
        registeredAt: key.registeredAt,
      })),
    }),
  );

  app.get(
    "/api/audit/bundle",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: "The log up to the latest signed checkpoint as a bundle, as `secg audit export` writes it",
        tags,
        response: {
          // Streamed, not built in memory: a bundle holds the whole log.
          200: z
            .any()
            .describe("JSON Lines: the header, the public keys, every entry, the signed checkpoint"),
          ...notFound,
        },
      },
    },
    async (_request, reply) => {
      // Reading only: signing a checkpoint needs the key, which stays with the CLI.
      const checkpoint = await latestCheckpoint(db);
      if (!checkpoint) return sendError(reply, 404, "no checkpoint has been signed yet");
      const exportedAt = store.clock.now().toISOString();
      return reply
        .type("application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="audit-${checkpoint.size}.jsonl"`)
        .send(Readable.from(bundleLines(db, { exportedAt })));
    },
  );

  app.get(
    "/api/parties/:party/audit/entries",
    {
      config: { access: { resource: "audit", action: "read" } },
      schema: {
        summary: "The party's own audit entries, newest first (docs/access.md, \"A party's audit log\")",
        tags,
        params: z.object({ party: z.string() }),
        querystring: z.object({
          since: z
            .string()
            .optional()
            .describe("Date YYYY-MM-DD or ISO 8601 instant: entries at or after it"),
          until: z.string().optional().describe("Date YYYY-MM-DD or ISO 8601 instant: entries before it"),
          action: z.string().min(1).optional().describe("Action prefix, e.g. `register` or `api.request`"),
          outcome: z.enum(["success", "failure", "denied"]).optional(),
          actor: z.string().min(1).optional().describe("Exactly this actor, e.g. `user:alice`"),
          cursor: Count.optional().describe("The `next` of the previous page"),
          limit: Count.min(1).max(maxPage).default(100),
        }),
        response: {
          200: z.object({
            party: z.string(),
            entries: z.array(ReviewedEntry),
            next: z.number().int().nullable().describe("The `cursor` of the next page, null on the last"),
          }),
        },
      },
    },
    async (request) => {
      const { party } = request.params;
      const { since, until, ...filters } = request.query;
      const page = await partyAuditEntries(db, {
        party,
        ...filters,
        since: since === undefined ? undefined : instant(since, "since"),
        until: until === undefined ? undefined : instant(until, "until"),
      });
      return { party, ...page };
    },
  );

  async function requireSize(size: number, path: string): Promise<void> {
    const integrated = await treeSize(db);
    if (size < 1 || size > integrated) {
      throw new InputError({ path }, `a tree size from 1 to ${integrated}, the entries integrated so far`);
    }
  }
}
