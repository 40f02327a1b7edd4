/**
 * The evidence people submit to the register, as one of the sources an obligation's live status
 * reads: only what has not expired on the day asked counts as evidence that a duty is met.
 */
import { londonDate } from "../../obligations/calendar/iso-date.js";
import type { Clock } from "../clock.js";
import type { EvidenceSource } from "../controls/obligation-status.js";
import type { Database } from "../database.js";
import { registersOf } from "./engine.js";

export function submittedEvidence(db: Database, clock: Clock): EvidenceSource {
  const registers = registersOf(db, clock);
  return async (party) => {
    const today = londonDate(clock.now());
    return (await registers.list(party, "evidence"))
      .filter((e) => e.expiresOn === undefined || e.expiresOn >= today)
      .map((e) => ({
        kind: "submitted",
        id: e.id,
        title: e.title,
        at: e.collectedOn,
        obligations: e.obligations,
      }));
  };
}
