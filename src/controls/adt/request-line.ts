import { InputError } from "../../common/input-error.js";
import { parseCommandVariant, parseRequestId, quote } from "../duis/identifiers.js";
import { serviceRequest } from "../duis/service-requests.js";
import { parseUtcTimestamp } from "./iso-time.js";
import type { AdtRequest } from "./request.js";

/**
 * Reads one line of a JSON Lines file of Service Requests (../shared/contracts/adt.md), e.g.
 * `{"requestId":"90-B3-…:00-DB-…:1001","srv":"7.2","commandVariant":5,"time":"2025-03-01T10:00:00Z","smets1":false,"values":{"price":1200}}`.
 * Unknown keys are refused: a misspelt `smets1` would otherwise silently change the outcome.
 * Errors carry no location; the caller adds the file and line.
 */

const keys = new Set(["requestId", "srv", "commandVariant", "time", "smets1", "values"]);
const noValues: Readonly<Record<string, number>> = Object.freeze({});

export function parseRequestLine(line: string): AdtRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new InputError({}, "a JSON object on each line (this line is not valid JSON)");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InputError({}, "a JSON object on each line");
  }
  const fields = parsed as Record<string, unknown>;
  for (const key in fields) {
    if (!keys.has(key)) {
      throw new InputError({}, `only the keys ${[...keys].join(", ")}, found ${quote(key)}`);
    }
  }

  const { requestId, srv, commandVariant, time, smets1, values } = fields;
  if (typeof requestId !== "string") {
    throw new InputError({}, `"requestId" as originator:target:counter`);
  }
  let ids: ReturnType<typeof parseRequestId>;
  try {
    ids = parseRequestId(requestId, {});
  } catch (error) {
    throw error instanceof InputError ? new InputError({}, `"requestId" with ${error.expected}`) : error;
  }

  const variant = typeof srv === "string" ? serviceRequest(srv) : undefined;
  if (!variant) {
    throw new InputError({}, `"srv" as an SRV in the DUIS catalogue like "7.2", found ${shown(srv)}`);
  }
  if (typeof commandVariant !== "number") {
    throw new InputError({}, `"commandVariant" as a number from 1 to 9`);
  }
  const cv = parseCommandVariant(commandVariant, {});
  if (!variant.commandVariants.includes(cv)) {
    throw new InputError(
      {},
      `"commandVariant" as one SRV ${variant.srv} may be sent with (${variant.commandVariants.join(", ")}), found ${cv}`,
    );
  }

  const at = typeof time === "string" ? parseUtcTimestamp(time) : undefined;
  if (at === undefined) {
    throw new InputError(
      {},
      `"time" as an ISO-8601 UTC timestamp like 2025-03-01T10:00:00Z, found ${shown(time)}`,
    );
  }
  if (smets1 !== undefined && typeof smets1 !== "boolean") {
    throw new InputError({}, `"smets1" as true or false`);
  }

  return {
    requestId: ids.requestId,
    userId: ids.originator,
    srv: variant.srv,
    commandVariant: cv,
    time: at,
    smets1: smets1 === true,
    values: values === undefined ? noValues : checkValues(values),
  };
}

function checkValues(values: unknown): Readonly<Record<string, number>> {
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw new InputError({}, `"values" as an object of named numbers`);
  }
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "number") {
      throw new InputError({}, `"values.${name}" as a number`);
    }
  }
  return values as Readonly<Record<string, number>>;
}

/** A found value for a message: strings quoted, other JSON as written, absence said so. */
function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return quote(value);
  const json = JSON.stringify(value);
  return json.length > 48 ? `${json.slice(0, 45)}…` : json;
}
