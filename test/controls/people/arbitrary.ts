import fc from "fast-check";
import {
  type Engagement,
  engagementActivities,
  type Roster,
  systems,
} from "../../../src/controls/people/roster.js";
import { addDays, parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";

const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays(parseIsoDate("2022-01-01"), n));

/** Engagements over four years, some ongoing, valid as people.md requires. */
export const anyEngagement: fc.Arbitrary<Engagement> = fc
  .record({
    system: fc.constantFrom(...systems),
    activity: fc.constantFrom(...engagementActivities),
    from: day,
    length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
    party: fc.constantFrom("acme", "bolt"),
    controls: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ system, activity, from, length, party, controls }): Engagement => {
    const period = { activity, from, ...(length === undefined ? {} : { to: addDays(from, length) }) };
    if (system === "user-systems") return { ...period, system, party };
    if (activity !== "privileged" || controls === undefined) return { ...period, system };
    return { ...period, system, additionalControls: controls };
  });

export const anyRoster: fc.Arbitrary<Roster> = fc.record({
  policy: fc.record({
    coolingOffDays: fc.integer({ min: 0, max: 730 }),
    sscApprovedDevGapMonths: fc.integer({ min: 0, max: 24 }),
  }),
  people: fc
    .uniqueArray(fc.constantFrom("p1", "p2", "p3", "p4"), { maxLength: 3 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc.array(anyEngagement, { maxLength: 5 }).map((engagements) => ({ id, engagements })),
        ),
      ),
    ),
});
