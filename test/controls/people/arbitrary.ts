import fc from "fast-check";
import {
  clearanceLevels,
  type Engagement,
  engagementActivities,
  type Person,
  type Roster,
  screeningStandards,
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

/** The optional G4 fields of a person, valid for a register of `owner`. */
function anyG4Fields(owner: "user" | "dcc" | undefined): fc.Arbitrary<Partial<Person>> {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  return fc
    .record({
      dataAccess: maybe(fc.boolean()),
      clearance: maybe(
        fc.record({
          level: fc.constantFrom(...clearanceLevels),
          granted: day,
          reviewedAfter: maybe(fc.integer({ min: 0, max: 800 })),
          nextReview: maybe(day),
        }),
      ),
      covered: maybe(fc.boolean()),
      screening: maybe(fc.record({ standard: fc.constantFrom(...screeningStandards), on: maybe(day) })),
      locatedInUk: maybe(fc.boolean()),
      privileged: maybe(fc.boolean()),
    })
    .map(({ clearance, covered, screening, locatedInUk, ...rest }) => {
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(rest)) if (value !== undefined) fields[key] = value;
      if (clearance !== undefined) {
        const { reviewedAfter, nextReview, ...held } = clearance;
        fields.clearance = {
          ...held,
          ...(reviewedAfter === undefined ? {} : { reviewed: addDays(held.granted, reviewedAfter) }),
          ...(nextReview === undefined ? {} : { nextReview }),
        };
      }
      if (covered !== undefined) fields[owner === "dcc" ? "canCompromise" : "canAffectSupply"] = covered;
      if (locatedInUk !== undefined) fields.locatedInUk = locatedInUk;
      if (screening !== undefined) {
        // A comparable national standard is only for someone outside the United Kingdom (G4.3(b)).
        const standard =
          screening.standard === "comparable-national" && locatedInUk !== false
            ? "bs7858"
            : screening.standard;
        fields.screening = { standard, ...(screening.on === undefined ? {} : { on: screening.on }) };
      }
      return fields as Partial<Person>;
    });
}

export const anyRoster: fc.Arbitrary<Roster> = fc
  .option(fc.constantFrom("user" as const, "dcc" as const), { nil: undefined })
  .chain((owner) =>
    fc.record({
      ...(owner === undefined ? {} : { owner: fc.constant(owner) }),
      policy: fc.record({
        coolingOffDays: fc.integer({ min: 0, max: 730 }),
        sscApprovedDevGapMonths: fc.integer({ min: 0, max: 24 }),
      }),
      people: fc
        .uniqueArray(fc.constantFrom("p1", "p2", "p3", "p4"), { maxLength: 3 })
        .chain((ids) =>
          fc.tuple(
            ...ids.map((id) =>
              fc
                .tuple(fc.array(anyEngagement, { maxLength: 5 }), anyG4Fields(owner))
                .map(([engagements, fields]): Person => ({ id, engagements, ...fields })),
            ),
          ),
        ),
    }),
  );
