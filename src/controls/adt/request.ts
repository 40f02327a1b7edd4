import type { DuisRequest } from "../duis/parse.js";
import type { CommandVariant } from "../duis/service-requests.js";

/** A Service Request as Threshold Anomaly Detection sees it (../shared/contracts/adt.md). */
export type AdtRequest = {
  /** `originator:target:counter`, EUI-64s upper-cased. */
  readonly requestId: string;
  /** The originator: thresholds are set per User ID (G6.3). */
  readonly userId: string;
  readonly srv: string;
  readonly commandVariant: CommandVariant;
  /** When the DCC received it, in milliseconds since the epoch (UTC). */
  readonly time: number;
  /** The target is a SMETS1 Device (G6.1(d)(i), G6.3(a)(i)). */
  readonly smets1: boolean;
  /** Named data values that attribute limits read (G6.6(b)). */
  readonly values: Readonly<Record<string, number>>;
};

const noValues: Readonly<Record<string, number>> = Object.freeze({});

/** A DUIS XML request carries no receipt time, no SMETS1 flag and no extracted values. */
export function requestFromDuis(duis: DuisRequest, time: number): AdtRequest {
  return {
    requestId: duis.requestId,
    userId: duis.originator,
    srv: duis.srv,
    commandVariant: duis.commandVariant,
    time,
    smets1: false,
    values: noValues,
  };
}
