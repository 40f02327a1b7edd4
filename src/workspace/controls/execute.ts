/**
 * Runs one host or network control on documents already read (files, request bodies) or on this
 * machine, and says what it found, which obligations it is evidence for, and which kinds of
 * deviation it looked for in full — the kinds whose earlier findings it may declare rectified.
 * The CLI, the API and the schedule all run controls through here.
 */
import { InputError } from "../../common/input-error.js";
import { type Allowlist, parseAllowlist } from "../../controls/host/allowlist.js";
import { parseAttempts } from "../../controls/host/attempts.js";
import { type Baseline, parseBaseline } from "../../controls/host/baseline.js";
import { collectInventory } from "../../controls/host/collect.js";
import { denialOfService, unauthorisedAttempts } from "../../controls/host/connection-attempts.js";
import { driftFindings } from "../../controls/host/drift.js";
import { type Evidence, type Finding, sortFindings } from "../../controls/host/findings.js";
import { type Inventory, mergeInventories } from "../../controls/host/inventory.js";
import { parseInventoryFile } from "../../controls/host/inventory-file.js";
import { portFindings } from "../../controls/host/ports.js";
import { unauthorisedSoftware } from "../../controls/host/unauthorised-software.js";
import { measureSource } from "../../controls/time/measure.js";
import { parseTimeSources } from "../../controls/time/sources.js";
import { timeFindings } from "../../controls/time/time-check.js";
import type { Approved } from "./register-inputs.js";

export const controlNames = ["drift", "ports", "time"] as const;
export type ControlName = (typeof controlNames)[number];

/** One input as text, named (a file name, or the request field it came in) for error messages. */
export type InputDocument = { readonly name: string; readonly text: string };

/** "collect" reads this machine; otherwise inventories or osquery results, merged in order. */
export type Observed = readonly InputDocument[] | "collect";

/** A drift baseline or ports allowlist: a document, or the approved one read from the registers. */
export type ControlRequest =
  | {
      readonly control: "drift";
      readonly baseline: InputDocument | Approved<Baseline>;
      readonly observed: Observed;
    }
  | {
      readonly control: "ports";
      readonly allowlist: InputDocument | Approved<Allowlist>;
      readonly observed?: Observed;
      readonly attempts?: InputDocument;
    }
  | { readonly control: "time"; readonly sources: InputDocument };

/**
 * What the faces ask for: a request as above, or a drift or ports run that names no baseline or
 * allowlist, whose system's approved ones the party's registers hold (./register-inputs.ts).
 */
export type RunRequest =
  | ControlRequest
  | { readonly control: "drift"; readonly observed: Observed }
  | { readonly control: "ports"; readonly observed?: Observed; readonly attempts?: InputDocument };

/** False for a drift or ports request that leaves its baseline or allowlist to the registers. */
export function isComplete(request: RunRequest): request is ControlRequest {
  return request.control === "time" || "baseline" in request || "allowlist" in request;
}

export type ControlOutcome = {
  readonly control: ControlName;
  /** The system the baseline or allowlist names (time sources name none). */
  readonly system?: string;
  /** Whose duty the checked system serves, as the baseline says; other controls serve the DCC's. */
  readonly duty: "dcc" | "user";
  /** Clause ids the run is evidence for, before narrowing to what binds the party. */
  readonly obligations: readonly string[];
  readonly findings: readonly Finding[];
  /** Kinds of deviation looked for with complete input: their earlier findings may be rectified. */
  readonly covers: readonly string[];
  /** What else the record shows: collection problems, attempt counts, time measurements. */
  readonly details: Readonly<Record<string, unknown>>;
};

// What each kind of deviation is read from; when that input was incomplete, the kind is not
// covered, so a gap in collection never rectifies a finding.
const inputOf: Readonly<Record<string, string>> = {
  "package-added": "packages",
  "package-removed": "packages",
  "package-version-changed": "packages",
  "unauthorised-package": "packages",
  "unauthorised-executable": "processes",
  "service-added": "sockets",
  "service-removed": "sockets",
  "kernel-changed": "kernel",
  "os-changed": "os",
  "firmware-changed": "firmware",
  "open-port": "sockets",
  "owner-unknown": "sockets",
  "unauthorised-connection": "sockets",
  "unauthorised-outbound-connection": "sockets",
};

const attemptKinds = [
  "unauthorised-attempt",
  "unauthorised-connection-accepted",
  "denial-of-service-source",
  "denial-of-service-total",
];
const socketKinds = [
  "open-port",
  "owner-unknown",
  "unauthorised-connection",
  "unauthorised-outbound-connection",
];
const timeKinds = [
  "network-time-difference",
  "independent-source-insufficient",
  "source-unreachable",
  "source-kiss-o-death",
];

export async function executeControl(request: ControlRequest): Promise<ControlOutcome> {
  switch (request.control) {
    case "drift":
      return drift(request.baseline, request.observed);
    case "ports":
      return ports(request.allowlist, request.observed, request.attempts);
    case "time":
      return time(request.sources);
  }
}

/** The document parsed, or the approved value with the register records it came from. */
function read<T>(
  input: InputDocument | Approved<T>,
  parse: (text: string, name: string) => T,
): { value: T; from: { registers?: Approved<T>["basis"] } } {
  return "text" in input
    ? { value: parse(input.text, input.name), from: {} }
    : { value: input.approved, from: { registers: input.basis } };
}

async function drift(
  input: InputDocument | Approved<Baseline>,
  observedInput: Observed,
): Promise<ControlOutcome> {
  const { value: baseline, from } = read(input, parseBaseline);
  const observed = await observe(observedInput);
  const software = baseline.software ?? {};
  const dcc = baseline.party === "dcc";
  const kinds = [
    "package-added",
    "package-removed",
    "package-version-changed",
    // A kernel or OS not observed at all (osquery results without them) leaves its findings as they were.
    ...(baseline.kernel !== undefined && observed.kernel !== undefined ? ["kernel-changed"] : []),
    ...(baseline.os && observed.os ? ["os-changed"] : []),
    ...(baseline.firmware ? ["firmware-changed"] : []),
    ...(baseline.services ? ["service-added", "service-removed"] : []),
    ...(software.packages ? ["unauthorised-package"] : []),
    ...(software.executables ? ["unauthorised-executable"] : []),
  ];
  const checksSoftware = software.packages !== undefined || software.executables !== undefined;
  const findings = [...driftFindings(baseline, observed), ...unauthorisedSoftware(baseline, observed)];
  return {
    control: "drift",
    system: baseline.system,
    duty: baseline.party,
    obligations: [dcc ? "G2.3" : "G3.1", ...(checksSoftware ? [dcc ? "G2.2" : "G3.2"] : [])].sort(),
    findings: sortFindings(findings),
    covers: covered(kinds, findings),
    details: { ...from, problems: observed.problems },
  };
}

async function ports(
  input: InputDocument | Approved<Allowlist>,
  observedInput: Observed | undefined,
  attemptsDoc: InputDocument | undefined,
): Promise<ControlOutcome> {
  const { value: allowlist, from } = read(input, parseAllowlist);
  const attempts = attemptsDoc ? parseAttempts(attemptsDoc.text, attemptsDoc.name) : undefined;
  const observed = observedInput ? await observe(observedInput) : undefined;
  if (!observed && !attempts)
    throw new InputError(
      {},
      "observed sockets (--observed, --collect) or a connection-attempt log (--attempts)",
    );
  const findings = [
    ...(observed ? portFindings(allowlist, observed) : []),
    ...(attempts
      ? [...unauthorisedAttempts(allowlist, attempts), ...denialOfService(allowlist, attempts)]
      : []),
  ];
  return {
    control: "ports",
    system: allowlist.system,
    duty: "dcc",
    obligations: [...(observed ? ["G2.4"] : []), "G2.1", ...(attempts ? ["G2.8"] : [])].sort(),
    findings: sortFindings(findings),
    covers: covered([...(observed ? socketKinds : []), ...(attempts ? attemptKinds : [])], findings),
    details: { ...from, problems: observed?.problems ?? [], attempts: attempts?.length ?? 0 },
  };
}

async function time(sourcesDoc: InputDocument): Promise<ControlOutcome> {
  const config = parseTimeSources(sourcesDoc.text, sourcesDoc.name);
  const network = await Promise.all(config.networkTime.map((s) => measureSource(s, config)));
  const independent = await Promise.all(config.independent.map((s) => measureSource(s, config)));
  const findings = timeFindings(network, independent, config.thresholds);
  return {
    control: "time",
    duty: "dcc",
    // G2.46 defines the two sources; G2.47 is the duty this measurement is evidence for.
    obligations: ["G2.47"],
    findings: sortFindings(findings),
    covers: timeKinds,
    details: { measurements: { network, independent } },
  };
}

/** The kinds looked for whose input was complete, and the gaps themselves (closed once collection is). */
function covered(kinds: readonly string[], findings: readonly Finding[]): string[] {
  const incomplete = new Set(
    findings.filter((f) => f.kind === "collection-incomplete").map((f) => f.subject.split(".")[0]!),
  );
  return [...kinds.filter((kind) => !incomplete.has(inputOf[kind] ?? "")), "collection-incomplete"];
}

/** The observed inventory: this machine's, or the documents read and merged in order. */
export async function observe(observed: Observed): Promise<Inventory> {
  if (observed === "collect") return collectInventory();
  if (observed.length === 0) throw new InputError({}, "an observed inventory (--observed FILE or --collect)");
  return mergeInventories(observed.map((doc) => parseInventoryFile(doc.text, doc.name)));
}

/** The evidence record a run prints and stores: what ran, when, how, for which obligations, what it found. */
export function evidenceRecord(
  outcome: ControlOutcome,
  ranAt: Date,
  obligations: readonly string[] = outcome.obligations,
): Evidence & Record<string, unknown> {
  return {
    control: outcome.control,
    ranAt: ranAt.toISOString(),
    method: "test",
    obligations,
    findings: outcome.findings,
    ...(outcome.system === undefined ? {} : { system: outcome.system }),
    ...outcome.details,
  };
}
