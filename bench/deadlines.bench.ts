import type { IsoDate } from "../src/obligations/calendar/iso-date.js";
import { deadlinesFor } from "../src/obligations/deadlines/deadlines.js";
import { type DeadlineFacts, validateFacts } from "../src/obligations/deadlines/facts.js";
import { type PartyProfile, validateProfile } from "../src/obligations/profile.js";
import { type Bench, rate } from "./harness.js";

/**
 * `deadlinesFor` for 1,000 generated parties with 20 systems and 200 people each, against a naive
 * approach that walks every day of the years around `on` and asks each rule whether it falls due that
 * day. The baseline covers the per-system and per-person rules only (the bulk of the work) and is timed
 * on the first parties; both rates are parties per second. The run first checks that both find the
 * same due dates for those rules.
 */
const PARTIES = 1000;
const SYSTEMS = 20;
const PEOPLE = 200;
const BASELINE_PARTIES = 2;
const ON = "2026-01-15" as IsoDate;
const DAY = 86_400_000;
/** Days before `on` the walk starts: the generated dates begin up to 15 months earlier. */
const WINDOW_BEFORE = 450;

function generator(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

type Party = { profile: PartyProfile; facts: DeadlineFacts };

function generateParties(count: number): Party[] {
  const upTo = generator(11);
  const start = Date.UTC(2025, 0, 1);
  const parties: Party[] = [];
  for (let i = 0; i < count; i++) {
    const profile = validateProfile({
      id: `p${i}`,
      name: `Party ${i}`,
      roles: [{ role: "other-user" }],
      assurance: [{ category: "full", completed: iso(start - upTo(700) * DAY), initial: true }],
    });
    const systems = Array.from({ length: SYSTEMS }, (_, s) => ({
      id: `s${s}`,
      status: "operational",
      lastVulnerabilityAssessment: iso(start + upTo(365) * DAY),
      components: [{ id: "c", live: iso(start + upTo(500) * DAY) }],
    }));
    const people = Array.from({ length: PEOPLE }, (_, p) => ({
      id: `u${p}`,
      clearanceReviewed: iso(start + upTo(365) * DAY),
    }));
    parties.push({ profile, facts: validateFacts({ systems, people }) });
  }
  return parties;
}

/** Month arithmetic the slow way, with Date objects, as a first attempt might. */
function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

/** Each rule as "does it fall due on this day?", asked on every day from 15 months before `on` to a year after. */
function naiveDueDates(facts: DeadlineFacts): string[] {
  const rules: ((day: string) => string | undefined)[] = [];
  for (const s of facts.systems) {
    if (s.status !== "operational" || s.lastVulnerabilityAssessment === undefined) continue;
    const last = s.lastVulnerabilityAssessment;
    rules.push((day) => (monthsAfter(last, 12) === day ? `${s.id}:${day}` : undefined));
    for (const c of s.components) {
      rules.push((day) =>
        iso(Date.parse(`${c.live}T00:00:00Z`) - DAY) === day ? `${s.id}/${c.id}:${day}` : undefined,
      );
    }
  }
  for (const p of facts.people) {
    const last = p.clearanceReviewed;
    if (last === undefined) continue;
    rules.push((day) => (monthsAfter(last, p.reviewMonths) === day ? `${p.id}:${day}` : undefined));
  }
  const found: string[] = [];
  const from = Date.parse(`${ON}T00:00:00Z`) - WINDOW_BEFORE * DAY;
  for (let d = 0; d <= WINDOW_BEFORE + 366; d++) {
    const day = iso(from + d * DAY);
    for (const rule of rules) {
      const hit = rule(day);
      if (hit !== undefined) found.push(hit);
    }
  }
  return found.sort();
}

function fastDueDates({ profile, facts }: Party): string[] {
  return deadlinesFor(profile, facts, ON)
    .filter((d) => /^G3\.8\([ab]\)|^G4\.1\(b\)/.test(d.clause))
    .map((d) => `${d.id.slice(d.id.indexOf(":") + 1)}:${d.due}`)
    .sort();
}

export const deadlinesBenches: readonly Bench[] = [
  {
    name: "deadlines.for",
    run: () => {
      const parties = generateParties(PARTIES);
      const sample = parties.slice(0, BASELINE_PARTIES);
      for (const party of sample) {
        if (JSON.stringify(fastDueDates(party)) !== JSON.stringify(naiveDueDates(party.facts))) {
          throw new Error(`the baseline and deadlinesFor disagree for ${party.profile.id}`);
        }
      }
      return {
        name: "deadlines.for",
        unit: "parties/s",
        value: rate(() => {
          for (const { profile, facts } of parties) deadlinesFor(profile, facts, ON);
          return parties.length;
        }),
        baseline: {
          name: "naive day-by-day walk",
          value: rate(() => {
            for (const { facts } of sample) naiveDueDates(facts);
            return sample.length;
          }),
        },
        notes: { parties: PARTIES, systems: SYSTEMS, people: PEOPLE, baselineParties: BASELINE_PARTIES },
      };
    },
  },
];
