import { z } from "zod";
import { type Numbered, parseJsonLines } from "../anomalies/json-lines.js";
import { utcTimestamp } from "../anomalies/utc-time.js";
import { type SigningPurpose, signingPurposes } from "./register.js";

/**
 * One signature made with a key, as a line of JSON:
 * `{"time":"2026-01-05T09:00:00Z","keyId":"k1","purpose":"command-signature","messageType":"SRV 7.1","actor":"svc-signer"}`.
 */
export type SigningEvent = {
  readonly time: number;
  readonly keyId: string;
  readonly purpose: SigningPurpose;
  readonly messageType?: string;
  readonly actor: string;
};

const eventSchema = z
  .object({
    time: utcTimestamp,
    keyId: z.string().min(1, "a non-empty key id"),
    purpose: z.enum(signingPurposes),
    messageType: z.string().optional(),
    actor: z.string().min(1, "a non-empty actor"),
  })
  .strict();

export function parseSigningEvents(text: string, file: string): Numbered<SigningEvent>[] {
  return parseJsonLines(text, file, eventSchema).map(({ line, value }) => ({
    line,
    value: {
      time: value.time,
      keyId: value.keyId,
      purpose: value.purpose,
      actor: value.actor,
      ...(value.messageType === undefined ? {} : { messageType: value.messageType }),
    },
  }));
}
