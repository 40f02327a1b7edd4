import type { CycleCategory } from "./history.js";

/**
 * The yearly cycles of G8.41–G8.47. Each says what the next assessment is, given the ones done since
 * User Entry (the initial Full first). The first assessment after User Entry is a Full one for a large
 * supplier and a Verification for every other party; that is also what each cycle asks for after a
 * Full, so the initial Full needs no rule of its own.
 *
 * G8.49 sets a party's size afresh whenever a category falls to be decided, so a party can move from one
 * cycle to another with its history kept. Each cycle's rule is then read on that history as it stands:
 * the rotations of G8.42, G8.45 and G8.47 cover every category; G8.44 has no Self-Assessment, so after
 * one it begins again with a Verification, which is where its cycle starts.
 */
export type CycleClause = "G8.41" | "G8.42" | "G8.44" | "G8.45" | "G8.47";

export type Step = { readonly category: CycleCategory; readonly clause: string; readonly rule: string };

const names: Readonly<Record<CycleCategory, string>> = {
  full: "Full",
  verification: "Verification",
  self: "Self-Assessment",
};

function rotation(clause: "G8.42" | "G8.45" | "G8.47", last: CycleCategory): Step {
  switch (last) {
    case "verification":
      return {
        category: "self",
        clause: `${clause}(a)`,
        rule: "a Self-Assessment within 12 months of each Verification",
      };
    case "self":
      return {
        category: "full",
        clause: `${clause}(b)`,
        rule: "a Full assessment within 12 months of each Self-Assessment",
      };
    case "full":
      return {
        category: "verification",
        clause: `${clause}(c)`,
        rule: "a Verification within 12 months of each Full assessment",
      };
  }
}

function largeNetwork(done: readonly CycleCategory[]): Step {
  const last = done[done.length - 1];
  if (last === "full") {
    return {
      category: "verification",
      clause: "G8.44(c)",
      rule: "a Verification within 12 months of each Full assessment",
    };
  }
  if (last === "self") {
    return {
      category: "verification",
      clause: "G8.44",
      rule: "a Verification: the G8.44 cycle, which has no Self-Assessment, starts again from one",
    };
  }
  const secondInARow = done[done.length - 2] === "verification";
  return secondInARow
    ? {
        category: "full",
        clause: "G8.44(b)",
        rule: "a Full assessment within 12 months of every second Verification in a row",
      }
    : {
        category: "verification",
        clause: "G8.44(a)",
        rule: "a second Verification within 12 months of the previous one",
      };
}

/** The next category under one cycle; `done` is never empty (it starts with the initial Full). */
export function nextStep(cycle: CycleClause, done: readonly CycleCategory[]): Step {
  const last = done[done.length - 1] ?? "full";
  switch (cycle) {
    case "G8.41":
      return { category: "full", clause: "G8.41", rule: "a Full assessment every year, as a large supplier" };
    case "G8.44":
      return largeNetwork(done);
    default:
      return rotation(cycle, last);
  }
}

const depth: Readonly<Record<CycleCategory, number>> = { self: 1, verification: 2, full: 3 };

/**
 * When a party falls under more than one cycle (a Shared Resource Provider serving suppliers and other
 * Users, G8.63, or a party that is both a Supplier Party and a Network Party) the Code does not say how
 * they combine; secg plans the most searching category any of them asks for, since a Full assessment
 * covers what a Verification checks, and a Verification what a Self-Assessment does.
 */
export function nextAcross(
  cycles: readonly [CycleClause, ...CycleClause[]],
  done: readonly CycleCategory[],
): Step {
  const [first, ...rest] = cycles;
  let best = nextStep(first, done);
  for (const cycle of rest) {
    const step = nextStep(cycle, done);
    if (depth[step.category] > depth[best.category]) best = step;
  }
  return best;
}

export function categoryName(category: CycleCategory): string {
  return names[category];
}
