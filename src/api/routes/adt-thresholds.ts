/**
 * Checking one Anomaly Detection Thresholds file over HTTP, before it is notified or replayed:
 * what `secg adt thresholds check`, `verify` and `report` say of it, for the dashboard. The file
 * may be plain (YAML or JSON) or signed (`secg adt thresholds sign`, G6.6A); a signed file's
 * signature is checked when the issuing User's public key comes with it. The thresholds are
 * checked against the party's stored profile (G6.3, G6.4A). Nothing is stored.
 */
import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { checkCoverage } from "../../controls/adt/coverage.js";
import { thresholdReport } from "../../controls/adt/report.js";
import {
  parsePublicKey,
  readSigned,
  signedFormat,
  type Verification,
  verifySigned,
} from "../../controls/adt/signing.js";
import { parseThresholds, type Threshold } from "../../controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../controls/duis/service-requests.js";
import { partiesOf } from "../../workspace/parties.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const CheckBody = z.strictObject({
  thresholds: z
    .strictObject({
      name: z.string().min(1).max(255).describe("The file's name, used in error messages"),
      text: z.string(),
    })
    .describe("A thresholds file (YAML or JSON), or a signed one"),
  publicKey: z
    .string()
    .min(1)
    .optional()
    .describe("The issuing User's registered Ed25519 public key (SPKI PEM), to verify a signed file"),
  lastSequence: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe("The last sequence applied for the issuing User ID: a file at or below it is a replay"),
});

const Signature = z
  .object({
    userId: z.string(),
    sequence: z.number().int(),
    status: z
      .enum([
        "verified",
        "not-checked",
        "altered",
        "bad-signature",
        "replayed",
        "unregistered",
        "foreign-thresholds",
      ])
      .describe("not-checked when no public key was given"),
    message: z.string(),
  })
  .nullable()
  .describe("null for a plain (unsigned) file");

const CheckAnswer = z.object({
  report: z.record(z.string(), z.unknown()).describe("The file's thresholds per User ID and SRV (G6.8)"),
  coverage: z
    .array(z.record(z.string(), z.unknown()))
    .describe("What G6.3 and G6.4A require of the party's User IDs that the file does not set"),
  signature: Signature,
});

const thresholdOptions = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };

/** A signed file is one JSON object naming the signed format; anything else is read as plain thresholds. */
function isSigned(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === "object" && value !== null && (value as { format?: unknown }).format === signedFormat
    );
  } catch {
    return false;
  }
}

/** The public key given, or a 400 at `publicKey` saying what was expected. */
function publicKeyOf(pem: string): KeyObject {
  try {
    return parsePublicKey(pem, "publicKey");
  } catch (error) {
    throw error instanceof InputError ? new InputError({ path: "publicKey" }, error.expected) : error;
  }
}

function signatureOf(verification: Verification): z.output<typeof Signature> {
  const { userId, sequence } = verification;
  return verification.accepted
    ? {
        userId,
        sequence,
        status: "verified",
        message: `signed by ${userId}, sequence ${sequence}: the signature verifies`,
      }
    : { userId, sequence, status: verification.reason, message: verification.message };
}

export function adtThresholdsRoutes(app: App, store: Store): void {
  const parties = partiesOf(store.db, store.clock);
  app.post(
    "/api/parties/:party/adt/thresholds/check",
    {
      config: { access: { resource: "quarantine", action: "read" } },
      schema: {
        summary: "Check a thresholds file (plain or signed) against the party's profile; nothing is stored",
        tags: ["adt"],
        params: z.object({ party: z.string() }),
        body: CheckBody,
        response: { 200: CheckAnswer, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      const stored = await parties.get(party);
      if (!stored) return sendError(reply, 404, `no party with id ${party}`, "party");
      const { thresholds: file, publicKey, lastSequence } = request.body;
      let thresholds: readonly Threshold[];
      let signature: z.output<typeof Signature> = null;
      if (isSigned(file.text)) {
        const signed = readSigned(file.text, file.name);
        thresholds = parseThresholds(signed.thresholds, `${file.name} (signed thresholds)`, thresholdOptions);
        signature =
          publicKey === undefined
            ? {
                userId: signed.userId,
                sequence: signed.sequence,
                status: "not-checked",
                message: "no public key was given for the issuing User ID",
              }
            : signatureOf(
                verifySigned(file.text, file.name, publicKeyOf(publicKey), {
                  ...thresholdOptions,
                  ...(lastSequence === undefined ? {} : { lastSequence }),
                }),
              );
      } else {
        thresholds = parseThresholds(file.text, file.name, thresholdOptions);
      }
      return {
        report: thresholdReport([{ file: file.name, thresholds }]),
        coverage: checkCoverage(thresholds, stored.profile),
        signature,
      };
    },
  );
}
