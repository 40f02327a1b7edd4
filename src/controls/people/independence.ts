import { addDays, daysBetween, type IsoDate } from "../../obligations/calendar/iso-date.js";
import { addMonths } from "../../obligations/calendar/months.js";
import type { PersonFinding } from "./finding.js";
import {
  type Engagement,
  type EngagementActivity,
  engagementActivities,
  type Policy,
  type Roster,
  type System,
} from "./roster.js";

/**
 * The personnel-independence rules of Section G over a roster of engagements: who may work on
 * the DCC Live Systems and on User Systems (G2.23–G2.24, G3.12–G3.13), on both relevant systems
 * of G2.22A (G2.22B(c)–(d)), and hold privileged access across Systems that must be Separated
 * (G4.8 with G2.20(b)). Pure: the date ongoing engagements are judged at is a parameter.
 */
export type Violation = PersonFinding & {
  /** Positions, in the person's list, of the two engagements that clash. */
  readonly engagements: readonly [number, number];
};

/** An engagement with its end resolved: an ongoing one counts as lasting at least until `asOf`. */
type Span = Engagement & { readonly until: IsoDate; readonly ongoing: boolean };

type Finding = { readonly clause: string; readonly detail: string };
type Rule = (a: Span, b: Span, policy: Policy) => readonly Finding[];

/*
 * G2.23(a)–(b) and G2.24(a)(i)–(ii) (and G3.12/G3.13 in mirror) list the same work: bespoke
 * development or customisation of software, and developing, designing, building, testing,
 * configuring, implementing, operating, maintaining, modifying or decommissioning the systems.
 * Holding privileged access is not on either list.
 */
const listedWork: ReadonlySet<EngagementActivity> = new Set(
  engagementActivities.filter((activity) => activity !== "privileged"),
);

/** G2.22B(c) covers only developing or customising bespoke software or firmware. */
const bespokeWork: ReadonlySet<EngagementActivity> = new Set(["bespoke-development", "customisation"]);

const dccLive: ReadonlySet<System> = new Set(["dcc-live", "dcc-live-b", "dcc-live-c"]);

/** G2.22B(d): six months, with no shorter alternative. */
const privilegedGapMonths = 6;

export function checkIndependence(roster: Roster, asOf: IsoDate): Violation[] {
  const violations: Violation[] = [];
  for (const person of roster.people) {
    const spans = person.engagements.map((e) => resolve(e, asOf));
    spans.forEach((a, i) => {
      spans.slice(i + 1).forEach((b, offset) => {
        for (const rule of rules) {
          for (const found of [...rule(a, b, roster.policy), ...rule(b, a, roster.policy)]) {
            violations.push({
              person: person.id,
              clause: found.clause,
              severity: "error",
              detail: found.detail,
              engagements: [i, i + 1 + offset],
            });
          }
        }
      });
    });
  }
  return violations;
}

function resolve(engagement: Engagement, asOf: IsoDate): Span {
  // Assuming an ongoing engagement ends no earlier than asOf flags only what is a breach however
  // long it goes on: every rule here only gets stricter as an engagement lasts longer.
  if (engagement.to !== undefined) return { ...engagement, until: engagement.to, ongoing: false };
  return { ...engagement, until: engagement.from > asOf ? engagement.from : asOf, ongoing: true };
}

/**
 * G2.24 (the DCC's duty) and G3.13 (the User's) for a DCC Live System engagement `live` against
 * a User Systems engagement `user`. Called for both orders of each pair; only one order matches.
 */
const liveAgainstUser: Rule = (live, user, policy) => {
  if (!dccLive.has(live.system) || user.system !== "user-systems") return [];
  if (!listedWork.has(live.activity) || !listedWork.has(user.activity)) return [];
  const owner = `${user.party}'s User Systems`;
  if (overlap(live, user)) {
    const both = `${describe(live)} overlaps ${describe(user)}`;
    return [
      {
        clause: "G2.24(a)",
        detail: `works on the DCC Live Systems and on ${owner} at the same time: ${both}`,
      },
      {
        clause: "G3.13(a)",
        detail: `works on ${owner} and on the DCC Live Systems at the same time: ${both}`,
      },
    ];
  }
  const days = policy.coolingOffDays;
  if (user.until < live.from && live.from <= addDays(user.until, days)) {
    return [
      {
        clause: "G2.24(b)",
        detail: `${describe(live)} began ${plural(daysBetween(user.until, live.from), "day")} after ${describe(user)} ended; the cooling-off period of ${plural(days, "day")} runs through ${addDays(user.until, days)}`,
      },
    ];
  }
  if (live.until < user.from && user.from <= addDays(live.until, days)) {
    return [
      {
        clause: "G3.13(b)",
        detail: `${describe(user)} began ${plural(daysBetween(live.until, user.from), "day")} after ${describe(live)} ended; the cooling-off period of ${plural(days, "day")} runs through ${addDays(live.until, days)}`,
      },
    ];
  }
  return [];
};

/**
 * G2.22B(c) and (d): work on one relevant system bars the same kind of work on the other while it
 * lasts and for a period after it ends. Symmetric, so one order of each pair is enough.
 */
function relevantSystemsGap(
  clause: string,
  covered: ReadonlySet<EngagementActivity>,
  months: (policy: Policy) => number,
): Rule {
  return (a, b, policy) => {
    if (a.system !== "dcc-live-b" || b.system !== "dcc-live-c") return [];
    if (!covered.has(a.activity) || !covered.has(b.activity)) return [];
    const gap = months(policy);
    const [earlier, later] = a.until <= b.until ? [a, b] : [b, a];
    if (overlap(a, b)) {
      return [
        {
          clause,
          detail: `${describe(a)} overlaps ${describe(b)}; the two relevant systems need different people`,
        },
      ];
    }
    const clearAfter = addMonths(earlier.until, gap);
    if (later.from > clearAfter) return [];
    return [
      {
        clause,
        detail: `${describe(later)} began within ${plural(gap, "month")} of the end of ${describe(earlier)}; the other relevant system stays closed to this person through ${clearAfter}`,
      },
    ];
  };
}

/**
 * G4.8: privileged access to two Systems of the DCC Total System that must be Separated — here a
 * DCC Live System and a testing, training or supporting system (G2.20(b)) — at the same time,
 * with no additional controls recorded for either engagement.
 */
const privilegedAcrossSeparation: Rule = (live, other) => {
  if (!dccLive.has(live.system) || other.system !== "dcc-other") return [];
  if (live.activity !== "privileged" || other.activity !== "privileged" || !overlap(live, other)) return [];
  if (hasAdditionalControls(live) || hasAdditionalControls(other)) return [];
  return [
    {
      clause: "G4.8",
      detail: `privileged on both ${live.system} and dcc-other, which G2.20(b) requires to be Separated, without additional controls: ${describe(live)} overlaps ${describe(other)}`,
    },
  ];
};

const rules: readonly Rule[] = [
  liveAgainstUser,
  relevantSystemsGap("G2.22B(c)", bespokeWork, (policy) => policy.sscApprovedDevGapMonths),
  relevantSystemsGap("G2.22B(d)", new Set(["privileged"]), () => privilegedGapMonths),
  privilegedAcrossSeparation,
];

function overlap(a: Span, b: Span): boolean {
  return a.from <= b.until && b.from <= a.until;
}

function hasAdditionalControls(span: Span): boolean {
  return span.system !== "user-systems" && span.additionalControls === true;
}

function describe(span: Span): string {
  const where = span.system === "user-systems" ? `${span.party}'s user-systems` : span.system;
  const when = span.ongoing ? `from ${span.from}, ongoing at ${span.until}` : `${span.from} to ${span.until}`;
  return `${span.activity} on ${where} (${when})`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}
