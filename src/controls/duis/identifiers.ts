import { InputError, type Where } from "../../common/input-error.js";
import type { CommandVariant } from "./service-requests.js";

/**
 * The syntax of DUIS identifiers, shared by the XML reader and the JSON Lines reader so that a
 * RequestID means the same thing whichever way it arrives.
 */

/** A RequestID split into its parts; EUI-64s are upper-cased so that keys compare reliably. */
export type RequestIdParts = {
  readonly requestId: string;
  readonly originator: string;
  readonly target: string;
  /** Unsigned 64-bit decimal, kept as text: it exceeds Number's exact range. */
  readonly counter: string;
};

const eui64 = /^[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}$/;
const maxCounter = "18446744073709551615";

export function isEui64(text: string): boolean {
  return eui64.test(text);
}

const requestIdForm =
  /^[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}:[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){7}:(?:0|[1-9][0-9]{0,19})$/;

export function parseRequestId(text: string, where: Where): RequestIdParts {
  // One pattern for the common, valid case; the step-by-step checks below say what is wrong.
  if (requestIdForm.test(text) && isUint64(text.slice(48))) {
    const upper = text.toUpperCase();
    return {
      requestId: upper,
      originator: upper.slice(0, 23),
      target: upper.slice(24, 47),
      counter: upper.slice(48),
    };
  }
  const parts = text.split(":");
  if (parts.length !== 3) {
    throw new InputError(
      where,
      `the form originator:target:counter (two EUI-64s and an unsigned 64-bit counter), found ${quote(text)}`,
    );
  }
  const [originator, target, counter] = parts as [string, string, string];
  for (const [role, value] of [
    ["originator", originator],
    ["target", target],
  ] as const) {
    if (!eui64.test(value)) {
      throw new InputError(where, `an EUI-64 ${role} like 90-B3-D5-1F-30-01-00-00, found ${quote(value)}`);
    }
  }
  if (!isUint64(counter)) {
    throw new InputError(
      where,
      `a counter from 0 to ${maxCounter} without leading zeros, found ${quote(counter)}`,
    );
  }
  const upperOriginator = originator.toUpperCase();
  const upperTarget = target.toUpperCase();
  return {
    requestId: `${upperOriginator}:${upperTarget}:${counter}`,
    originator: upperOriginator,
    target: upperTarget,
    counter,
  };
}

function isUint64(text: string): boolean {
  if (!/^(?:0|[1-9][0-9]{0,19})$/.test(text)) return false;
  // Same-length decimal strings compare like the numbers they spell.
  return text.length < maxCounter.length || text <= maxCounter;
}

/** Command Variants as the schema lists them; `value` is the element text or a JSON number. */
export function parseCommandVariant(value: unknown, where: Where): CommandVariant {
  const number = typeof value === "string" && /^\+?0*[1-9]$/.test(value.trim()) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= 1 && number <= 9) {
    return number as CommandVariant;
  }
  throw new InputError(where, `a Command Variant from 1 to 9, found ${quote(String(value))}`);
}

/** Echoes a found value in a message, short enough to keep the message on one line. */
export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, " ");
  return JSON.stringify(oneLine.length > 48 ? `${oneLine.slice(0, 45)}…` : oneLine);
}
