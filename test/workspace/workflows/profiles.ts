import { validateProfile } from "../../../src/obligations/profile.js";

/** A large supplier, a Shared Resource Provider with one customer, and the DCC. */
export const profiles = [
  {
    id: "acme",
    name: "Acme Energy",
    supplierParty: true,
    roles: [{ role: "import-supplier" }],
    premises: { domestic: 300000 },
  },
  {
    id: "hub",
    name: "Hub Services",
    roles: [{ role: "shared-resource-provider" }, { role: "other-user" }],
  },
  {
    id: "beta",
    name: "Beta Supply",
    supplierParty: true,
    roles: [{ role: "import-supplier" }],
    sharedResources: { used: true, providedBy: "hub" },
  },
  { id: "dcc", name: "DCC", kind: "dcc" },
].map((p) => validateProfile(p));
