import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { pushTo } from "../../common/multimap.js";
import type { Baseline } from "../../controls/host/baseline.js";
import type { Inventory } from "../../controls/host/inventory.js";
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

/** One approved part of a host, as an approval reports it. */
export type ApprovedPart = {
  readonly part: ObservedPart;
  readonly name: string;
  readonly version?: string;
  readonly architecture?: string;
};

/**
 * What approving an observation as a system's baseline changes: the items it adds, those whose
 * version (or, for the OS, name) it changes, those it removes, and the parts it leaves as they
 * were because the observation did not show them in full.
 */
export type BaselineApproval = {
  readonly system: string;
  readonly added: readonly ApprovedPart[];
  readonly changed: readonly (ApprovedPart & { readonly from: string })[];
  readonly removed: readonly ApprovedPart[];
  readonly unchanged: number;
  readonly kept: readonly { readonly part: ObservedPart; readonly reason: string }[];
};

/** Which collection source each part is observed through. */
const sourceOf = {
  package: "packages",
  os: "os",
  kernel: "kernel",
  firmware: "firmware",
  service: "sockets",
} as const satisfies Record<ObservedPart, string>;

/**
 * The inventory records that make `observed` the approved baseline of `system` (G2.3(b), G3.1(b)),
 * planned against all the party's inventory items `held`: matching items keep their ids and other
 * fields, new ones get ids from the system, part and name. A part the observation did not show in
 * full (not collected, or with a collection problem) keeps its approved items; without a complete
 * package list nothing is approved, since a baseline is first of all its packages.
 */
export function approvalOf(
  system: string,
  observed: Inventory,
  held: readonly InventoryRecord[],
): {
  readonly put: readonly InventoryRecord[];
  readonly remove: readonly string[];
  readonly summary: BaselineApproval;
} {
  const problem = (part: ObservedPart) => observed.problems.find((p) => p.source === sourceOf[part]);
  const packagesProblem = problem("package");
  if (observed.packages === undefined || packagesProblem)
    throw new InputError(
      { path: "observed" },
      `a complete package list to approve (${packagesProblem ? `packages: ${packagesProblem.detail}` : "none was observed"})`,
    );
  const seen: Record<ObservedPart, ApprovedPart[] | undefined> = {
    package: observed.packages.map((p) => ({
      part: "package",
      name: p.name,
      version: p.version,
      ...(p.architecture === undefined ? {} : { architecture: p.architecture }),
    })),
    os: observed.os && [
      {
        part: "os",
        name: observed.os.id,
        ...(observed.os.versionId === undefined ? {} : { version: observed.os.versionId }),
      },
    ],
    kernel:
      observed.kernel === undefined
        ? undefined
        : [{ part: "kernel", name: "kernel", version: observed.kernel }],
    firmware:
      observed.firmware &&
      Object.entries(observed.firmware).map(([name, version]) => ({ part: "firmware", name, version })),
    service:
      observed.sockets &&
      [
        ...new Set(
          observed.sockets.flatMap((s) => (s.state === "listen" && s.process?.name ? [s.process.name] : [])),
        ),
      ].map((name) => ({ part: "service", name })),
  };
  const kept: { part: ObservedPart; reason: string }[] = [];
  const parts = observedParts.filter((part) => {
    const gap = problem(part);
    if (seen[part] !== undefined && !gap) return true;
    kept.push({ part, reason: gap ? `${gap.source}: ${gap.detail}` : "not observed" });
    return false;
  });
  const approving = new Set<ObservedPart>(parts);
  // Items by what they are (part, name, architecture); a package may be there in several
  // versions side by side (rpm keeps several kernels), so each holds a list.
  const heldBy = new Map<string, InventoryRecord[]>();
  for (const item of held) {
    if (item.system !== system || item.observedAs === undefined || !approving.has(item.observedAs)) continue;
    pushTo(heldBy, identity(partOf(item)), item);
  }
  const observedBy = new Map<string, ApprovedPart[]>();
  for (const part of parts.flatMap((p) => seen[p]!)) {
    const same = observedBy.get(identity(part));
    if (!same?.some((other) => label(other) === label(part))) pushTo(observedBy, identity(part), part);
  }
  const taken = new Set(held.map((item) => item.id));
  const put: InventoryRecord[] = [];
  const added: ApprovedPart[] = [];
  const changed: (ApprovedPart & { from: string })[] = [];
  const gone: InventoryRecord[] = [];
  let unchanged = 0;
  for (const [key, observedParts] of observedBy) {
    const before = [...(heldBy.get(key) ?? [])];
    heldBy.delete(key);
    // A held item of the same version stays as it is; the others are updated to the versions
    // observed anew, in order, and what is left over is added or removed.
    const fresh = observedParts.filter((part) => {
      const at = before.findIndex((item) => label(partOf(item)) === label(part));
      if (at < 0) return true;
      before.splice(at, 1);
      unchanged++;
      return false;
    });
    for (const part of fresh) {
      const fields = {
        name: part.name,
        ...(part.version === undefined ? {} : { version: part.version }),
        ...(part.architecture === undefined ? {} : { architecture: part.architecture }),
      };
      const item = before.shift();
      if (item) {
        changed.push({ ...part, from: label(partOf(item)) });
        const { version: _version, ...rest } = item;
        put.push({ ...rest, ...fields });
        continue;
      }
      added.push(part);
      put.push({
        id: freshId(
          `${system}.${part.part}.${[part.name, part.architecture].filter(Boolean).join(".")}`,
          taken,
        ),
        system,
        kind: part.part === "firmware" ? "firmware" : "software",
        ...fields,
        observedAs: part.part,
      });
    }
    gone.push(...before);
  }
  gone.push(...[...heldBy.values()].flat());
  return {
    put,
    remove: gone.map((item) => item.id),
    summary: {
      system,
      added,
      changed,
      removed: gone.map(partOf),
      unchanged,
      kept,
    },
  };
}

function partOf(item: InventoryRecord): ApprovedPart {
  return {
    part: item.observedAs!,
    name: item.name,
    ...(item.version === undefined ? {} : { version: item.version }),
    ...(item.architecture === undefined ? {} : { architecture: item.architecture }),
  };
}

/** An OS or kernel is one per system; packages are told apart by architecture as well as name. */
function identity(part: ApprovedPart): string {
  if (part.part === "os" || part.part === "kernel") return part.part;
  return [part.part, part.name, part.architecture ?? ""].join("\u0000");
}

/** What an approval compares: the version, and for the OS its id as well. */
function label(part: ApprovedPart): string {
  return part.part === "os" ? [part.name, part.version].filter(Boolean).join(" ") : (part.version ?? "");
}

/** A register id made from `base` (characters ids may not hold become "_"), unused so far. */
function freshId(base: string, taken: Set<string>): string {
  const stem = base.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 120);
  let id = stem;
  for (let n = 2; taken.has(id); n++) id = `${stem}-${n}`;
  taken.add(id);
  return id;
}
