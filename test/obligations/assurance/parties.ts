import { type PartyProfile, validateProfile } from "../../../src/obligations/profile.js";

type Assessment = {
  category: "full" | "verification" | "self" | "follow-up";
  completed: string;
  initial?: boolean;
};

/** A profile through the real validator, so defaults are the ones the CLI would apply. */
export function party(fields: Record<string, unknown> & { id: string }): PartyProfile {
  return validateProfile({ name: fields.id, ...fields });
}

export const initialFull = (completed: string): Assessment => ({
  category: "full",
  completed,
  initial: true,
});
export const done = (category: Assessment["category"], completed: string): Assessment => ({
  category,
  completed,
});

export function supplier(
  id: string,
  domestic: number,
  nonDomestic: number,
  assurance: Assessment[],
  extra = {},
) {
  return party({
    id,
    supplierParty: true,
    roles: [{ role: "import-supplier" }],
    premises: { domestic, nonDomestic },
    assurance,
    ...extra,
  });
}

export function network(id: string, domestic: number, assurance: Assessment[], extra = {}) {
  return party({
    id,
    networkParty: true,
    roles: [{ role: "electricity-distributor" }],
    premises: { domestic },
    assurance,
    ...extra,
  });
}

export function peersOf(...profiles: PartyProfile[]): ReadonlyMap<string, PartyProfile> {
  return new Map(profiles.map((p) => [p.id, p]));
}
