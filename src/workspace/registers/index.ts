import type { RegisterDefinition } from "./definition.js";
import { type EvidenceRecord, evidence } from "./evidence.js";
import { type IncidentRecord, incidents } from "./incidents.js";
import { type InventoryRecord, inventory } from "./inventory.js";
import { type KeyRecord, keys } from "./keys.js";
import { type ModuleRecord, modules } from "./modules.js";
import type { RegisterName } from "./names.js";
import { type PersonRecord, people } from "./people.js";
import { type SharedResourceRecord, sharedResources } from "./shared-resources.js";
import { type SystemRecord, systems } from "./systems.js";
import { type VulnerabilityRecord, vulnerabilities } from "./vulnerabilities.js";

/** The record type of each register, by register name: what registersOf(...).list returns. */
export type RegisterRecords = {
  [N in RegisterName]: RecordTypes[N];
};

type RecordTypes = {
  systems: SystemRecord;
  inventory: InventoryRecord;
  people: PersonRecord;
  keys: KeyRecord;
  modules: ModuleRecord;
  vulnerabilities: VulnerabilityRecord;
  incidents: IncidentRecord;
  "shared-resources": SharedResourceRecord;
  evidence: EvidenceRecord;
};

export const registerDefinitions: { readonly [N in RegisterName]: RegisterDefinition<RegisterRecords[N]> } = {
  systems,
  inventory,
  people,
  keys,
  modules,
  vulnerabilities,
  incidents,
  "shared-resources": sharedResources,
  evidence,
};

export { isRegisterName, type RegisterName, registerNames } from "./names.js";
export type {
  EvidenceRecord,
  IncidentRecord,
  InventoryRecord,
  KeyRecord,
  ModuleRecord,
  PersonRecord,
  SharedResourceRecord,
  SystemRecord,
  VulnerabilityRecord,
};
