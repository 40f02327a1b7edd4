import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import type { Baseline } from "../../controls/host/baseline.js";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";
import type { SystemRecord } from "./systems.js";

/**
 * The inventory: the hardware, and the software and firmware with their versions and patch
 * levels, of each system — the up-to-date inventory G2.3(b) asks of the DCC and G3.1(b) of a User.
 * The items with `observedAs` are also the system's approved baseline: the host controls compare
 * them with what they observe on the host (G2.3(a), G3.1(a)).
 */
export const componentKinds = ["hardware", "software", "firmware"] as const;

/**
 * Which part of an observed host an item is compared with: an installed package (name, version
 * as the package manager reports it, architecture), the operating system (name = its os-release
 * ID, version = VERSION_ID), the running kernel (version = its release), a firmware identifier
 * (name as the collector reads it, e.g. bios_version) or a service (name = the process allowed to
 * accept connections). Items without it are kept as inventory only.
 */
export const observedParts = ["package", "os", "kernel", "firmware", "service"] as const;
export type ObservedPart = (typeof observedParts)[number];

const itemSchema = z
  .strictObject({
    id: recordId,
    /** The system (an id in the systems register) the item is part of. */
    system: recordId,
    kind: z.enum(componentKinds),
    name: text,
    version: text.optional(),
    patchLevel: text.optional(),
    vendor: text.optional(),
    installedOn: isoDate.optional(),
    architecture: text.optional(),
    observedAs: z.enum(observedParts).optional(),
  })
  .superRefine((item, ctx) => {
    const part = item.observedAs;
    if (part === undefined) return;
    const kind = part === "firmware" ? "firmware" : "software";
    if (item.kind !== kind)
      ctx.addIssue({ code: "custom", path: ["kind"], message: `${kind} (it is observed as ${part})` });
    if (item.version === undefined && (part === "package" || part === "kernel" || part === "firmware"))
      ctx.addIssue({ code: "custom", path: ["version"], message: `the approved version of the ${part}` });
    if (item.architecture !== undefined && part !== "package")
      ctx.addIssue({
        code: "custom",
        path: ["architecture"],
        message: "no architecture (only packages have one)",
      });
  });

export type InventoryRecord = z.output<typeof itemSchema>;

export const inventory: RegisterDefinition<InventoryRecord> = {
  name: "inventory",
  noun: "inventory item",
  schema: itemSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "system", kind: "text" },
    { key: "kind", kind: "text" },
    { key: "name", kind: "text" },
    { key: "version", kind: "text" },
    { key: "patchLevel", kind: "text" },
    { key: "vendor", kind: "text" },
    { key: "installedOn", kind: "date" },
    { key: "architecture", kind: "text" },
    { key: "observedAs", kind: "text" },
  ],
};

/**
 * The approved baseline of a system in the drift control's form: its inventory items observed as
 * packages, OS, kernel, firmware and services, with the system's software allowlist (G2.2, G3.2;
 * an empty list is not checked). Undefined when the register approves no package for it: drift
 * against nothing would call every installed package a deviation.
 */
export function baselineOf(
  system: SystemRecord,
  items: readonly InventoryRecord[],
  party: Baseline["party"],
): Baseline | undefined {
  const of = (part: ObservedPart) => items.filter((i) => i.system === system.id && i.observedAs === part);
  const packages = of("package").map((p) => ({
    name: p.name,
    version: p.version!,
    ...(p.architecture === undefined ? {} : { architecture: p.architecture }),
  }));
  if (packages.length === 0) return undefined;
  const os = atMostOne(of("os"), system.id);
  const kernel = atMostOne(of("kernel"), system.id);
  const firmware = of("firmware");
  const services = of("service");
  const software = {
    ...(system.allowedPackages.length > 0 ? { packages: system.allowedPackages } : {}),
    ...(system.allowedExecutables.length > 0 ? { executables: system.allowedExecutables } : {}),
  };
  return {
    system: system.id,
    party,
    packages,
    ...(os ? { os: { id: os.name, ...(os.version === undefined ? {} : { versionId: os.version }) } } : {}),
    ...(kernel ? { kernel: kernel.version! } : {}),
    ...(firmware.length > 0
      ? { firmware: Object.fromEntries(firmware.map((f) => [f.name, f.version!])) }
      : {}),
    ...(services.length > 0 ? { services: services.map((s) => s.name) } : {}),
    ...(system.securityRelevant.length > 0 ? { securityRelevant: system.securityRelevant } : {}),
    ...(Object.keys(software).length > 0 ? { software } : {}),
  };
}

/** A system runs one OS and one kernel: two approved ones leave the baseline ambiguous. */
function atMostOne(items: readonly InventoryRecord[], system: string): InventoryRecord | undefined {
  if (items.length > 1)
    throw new InputError(
      { path: "inventory" },
      `one item observed as ${items[0]!.observedAs} for ${system} (${items.map((i) => i.id).join(", ")} are)`,
    );
  return items[0];
}
