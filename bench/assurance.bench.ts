import type { Peers } from "../src/obligations/applicability/premises.js";
import { nextAcross } from "../src/obligations/assurance/cycles.js";
import { readHistory } from "../src/obligations/assurance/history.js";
import { planAssurance } from "../src/obligations/assurance/plan.js";
import { standingOf } from "../src/obligations/assurance/standing.js";
import type { IsoDate } from "../src/obligations/calendar/iso-date.js";
import { type PartyProfile, validateProfile } from "../src/obligations/profile.js";
import { type Bench, rate } from "./harness.js";

/**
 * `planAssurance` for 1,000 generated parties, ten years (ten yearly assessments) each, against a naive
 * planner that walks the calendar one day at a time and asks on each day whether an assessment falls
 * due. Both choose categories with the same cycle rules, so the comparison is of the date work; the
 * run first checks that both give the same plans for the parties the baseline is timed on.
 */
const PARTIES = 1000;
const YEARS = 10;
/** The naive walk is slow enough that it is timed on the first parties only; both rates are per plan. */
const BASELINE_PARTIES = 20;

function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { chance: (p: number) => next() < p, upTo: (n: number) => Math.floor(next() * n) };
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

function generateParties(count: number): { profile: PartyProfile; peers: Peers }[] {
  const g = generator(7);
  const parties: { profile: PartyProfile; peers: Peers }[] = [];
  for (let i = 0; i < count; i++) {
    const kind = g.upTo(3);
    let at = Date.UTC(2015, 0, 1) + g.upTo(3650) * DAY;
    const assurance: { category: string; completed: string; initial?: boolean }[] = [
      { category: "full", completed: iso(at), initial: true },
    ];
    if (g.chance(0.3)) {
      at += (30 + g.upTo(120)) * DAY;
      assurance.push({ category: "follow-up", completed: iso(at) });
    }
    for (let k = g.upTo(5); k > 0; k--) {
      at += (200 + g.upTo(200)) * DAY;
      assurance.push({ category: ["full", "verification", "self"][g.upTo(3)]!, completed: iso(at) });
    }
    const profile = validateProfile({
      id: `p${i}`,
      name: `Party ${i}`,
      supplierParty: kind === 0,
      networkParty: kind === 1,
      roles: [{ role: ["import-supplier", "electricity-distributor", "other-user"][kind]! }],
      premises: { domestic: g.upTo(600_000), nonDomestic: kind === 0 ? g.upTo(80_000) : 0 },
      assurance,
    });
    parties.push({ profile, peers: new Map([[profile.id, profile]]) });
  }
  return parties;
}

type Row = { category: string; due: string; clause: string };

/** The one-year-on date the slow way, with Date objects, as a first attempt might. */
function yearAfter(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return iso(Date.UTC(y + 1, m - 1, Math.min(d, lastDay)));
}

function naivePlan(profile: PartyProfile, peers: Peers, count: number): Row[] {
  const standing = standingOf(profile, peers);
  const history = readHistory(profile.assurance);
  if (standing.kind !== "user" || !history.entered) throw new Error("the generator makes entered Users only");
  const done = history.cycle.map((a) => a.category);
  let last: string =
    history.cycle.length > 1
      ? history.cycle[history.cycle.length - 1]!.completed
      : (history.initialFollowUp ?? history.initial);
  const rows: Row[] = [];
  for (let day = Date.parse(`${last}T00:00:00Z`) + DAY; rows.length < count; day += DAY) {
    const today = iso(day);
    if (today !== yearAfter(last)) continue;
    const step = nextAcross(standing.cycles, done);
    rows.push({ category: step.category, due: today, clause: step.clause });
    done.push(step.category);
    last = today;
  }
  return rows;
}

function fastPlan(profile: PartyProfile, peers: Peers, count: number): Row[] {
  return planAssurance(profile, peers, count).next.map((a) => ({
    category: a.category,
    due: a.due as IsoDate,
    clause: a.clause,
  }));
}

export const assuranceBenches: readonly Bench[] = [
  {
    name: "assurance.plan",
    run: () => {
      const parties = generateParties(PARTIES);
      const sample = parties.slice(0, BASELINE_PARTIES);
      for (const { profile, peers } of sample) {
        const fast = JSON.stringify(fastPlan(profile, peers, YEARS));
        if (fast !== JSON.stringify(naivePlan(profile, peers, YEARS))) {
          throw new Error(`the planners disagree for ${profile.id}`);
        }
      }
      const planAll = (plan: typeof fastPlan, some: typeof parties) => () => {
        for (const { profile, peers } of some) plan(profile, peers, YEARS);
        return some.length;
      };
      return {
        name: "assurance.plan",
        unit: "10-year plans/s",
        value: rate(planAll(fastPlan, parties)),
        baseline: {
          name: "naive day-by-day walk",
          value: rate(planAll(naivePlan, sample)),
        },
        notes: {
          parties: PARTIES,
          baselineParties: BASELINE_PARTIES,
          years: YEARS,
          assessmentsPerPlan: YEARS,
        },
      };
    },
  },
];
