import { pushTo } from "../../common/multimap.js";
import type { Baseline, PackageSpec } from "./baseline.js";
import type { Finding, Severity } from "./findings.js";
import { globMatcher } from "./glob.js";
import type { Inventory } from "./inventory.js";

/**
 * Deviation from the expected configuration (G2.3(a)(i), G3.1(a)(i)). One pass over each side
 * with a Map, so 10,000 packages cost well under 100 ms.
 */
export type PackageDrift = {
  readonly added: readonly PackageSpec[];
  readonly removed: readonly PackageSpec[];
  readonly changed: readonly { readonly name: string; readonly from: string; readonly to: string }[];
};

/**
 * Packages whose change alters the attack surface most: crypto and TLS libraries, remote access,
 * privilege, the kernel and the C library. A baseline adds its own with `securityRelevant`.
 */
export const defaultSecurityRelevant: readonly string[] = [
  "openssl",
  "libssl*",
  "openssh*",
  "gnutls*",
  "libgnutls*",
  "libgcrypt*",
  "gnupg*",
  "nss",
  "libnss3",
  "ca-certificates",
  "sudo",
  "polkit*",
  "linux-image*",
  "kernel*",
  "libc6",
  "glibc",
  "systemd",
  "iptables",
  "nftables",
];

function key(name: string, architecture: string | undefined): string {
  return architecture === undefined ? name : `${name}:${architecture}`;
}

/**
 * Packages are compared per name and architecture as sets of versions, since some are installed
 * in several versions side by side (rpm keeps several kernels). A version on both sides matches;
 * of the rest, the observed and the approved are paired in their order as changes, and what is
 * left over is added or removed. With one version a side, that is a plain version comparison.
 */
export function packageDrift(
  approved: readonly PackageSpec[],
  observed: readonly PackageSpec[],
): PackageDrift {
  const expected = new Map<string, PackageSpec[]>();
  for (const p of approved) pushTo(expected, key(p.name, p.architecture), p);
  const found = new Map<string, PackageSpec[]>();
  const added: PackageSpec[] = [];
  for (const p of observed) {
    // A baseline entry without an architecture approves the package on any architecture.
    const withArch = key(p.name, p.architecture);
    const k = expected.has(withArch) || p.architecture === undefined ? withArch : p.name;
    if (expected.has(k)) pushTo(found, k, p);
    else added.push(p);
  }
  const changed: { name: string; from: string; to: string }[] = [];
  const removed: PackageSpec[] = [];
  for (const [k, wanted] of expected) {
    const seen = found.get(k) ?? [];
    const versions = (list: readonly PackageSpec[]) => new Set(list.map((p) => p.version));
    const seenVersions = versions(seen);
    const wantedVersions = versions(wanted);
    const missing = wanted.filter((p) => !seenVersions.has(p.version));
    const fresh = seen.filter((p) => !wantedVersions.has(p.version));
    fresh.forEach((p, i) => {
      const was = missing[i];
      if (was) changed.push({ name: key(p.name, p.architecture), from: was.version, to: p.version });
      else added.push(p);
    });
    removed.push(...missing.slice(fresh.length));
  }
  return { added, removed, changed };
}

/** The clause a drift finding is traced to: the DCC's G2 duty or a User's G3 duty. */
export function clauses(party: Baseline["party"]) {
  return party === "dcc"
    ? { drift: "G2.3(a)(i)", list: "G2.3(b)", software: "G2.2(a)" }
    : { drift: "G3.1(a)(i)", list: "G3.1(b)", software: "G3.2(a)" };
}

/**
 * Severity rules: a security-relevant package that is added, removed or changes version is high;
 * any other package is medium; a kernel, OS release or firmware change is high; a service
 * accepting connections that the baseline does not name is high, one that is gone is low. Gaps in
 * collection that leave a compared part unknown are critical: no finding must not read as no drift.
 */
export function driftFindings(baseline: Baseline, observed: Inventory): Finding[] {
  const clause = clauses(baseline.party);
  const findings: Finding[] = [];
  const push = (severity: Severity, kind: string, subject: string, detail: string, at = clause.drift) =>
    findings.push({ clause: at, severity, kind, subject, detail });
  const security = globMatcher([...defaultSecurityRelevant, ...(baseline.securityRelevant ?? [])]);
  const rate = (name: string): Severity => (security(name.split(":")[0]!) ? "high" : "medium");

  const incomplete = (source: string) => {
    for (const problem of observed.problems.filter((p) => p.source === source))
      push("critical", "collection-incomplete", source, problem.detail, clause.list);
  };

  if (observed.packages === undefined)
    push("critical", "collection-incomplete", "packages", "no package list was observed", clause.list);
  else {
    incomplete("packages");
    const { added, removed, changed } = packageDrift(baseline.packages, observed.packages);
    for (const p of added)
      push(
        rate(p.name),
        "package-added",
        key(p.name, p.architecture),
        `${p.version} is installed but not in the baseline`,
      );
    for (const p of removed)
      push(
        rate(p.name),
        "package-removed",
        key(p.name, p.architecture),
        `${p.version} is in the baseline but not installed`,
      );
    for (const c of changed)
      push(rate(c.name), "package-version-changed", c.name, `${c.from} in the baseline, ${c.to} installed`);
  }

  if (baseline.kernel !== undefined) {
    if (observed.kernel === undefined) incomplete("kernel");
    else if (observed.kernel !== baseline.kernel)
      push(
        "high",
        "kernel-changed",
        "kernel",
        `${baseline.kernel} in the baseline, ${observed.kernel} running`,
      );
  }
  if (baseline.os) {
    if (!observed.os) incomplete("os");
    else if (
      observed.os.id !== baseline.os.id ||
      (baseline.os.versionId ?? observed.os.versionId) !== observed.os.versionId
    )
      push(
        "high",
        "os-changed",
        "os",
        `${baseline.os.id} ${baseline.os.versionId ?? ""} in the baseline, ${observed.os.id} ${observed.os.versionId ?? ""} running`.replace(
          / +/g,
          " ",
        ),
      );
  }
  if (baseline.firmware) {
    for (const [field, version] of Object.entries(baseline.firmware)) {
      const seen = observed.firmware?.[field];
      if (seen === undefined)
        push(
          "critical",
          "collection-incomplete",
          `firmware.${field}`,
          "not readable on this host",
          clause.list,
        );
      else if (seen !== version)
        push("high", "firmware-changed", `firmware.${field}`, `${version} in the baseline, ${seen} found`);
    }
  }
  if (baseline.services)
    findings.push(...serviceFindings(baseline.services, observed, clause.drift, incomplete));
  return findings;
}

function serviceFindings(
  services: readonly string[],
  observed: Inventory,
  clause: string,
  incomplete: (source: string) => void,
): Finding[] {
  if (!observed.sockets) {
    return [
      {
        clause,
        severity: "critical",
        kind: "collection-incomplete",
        subject: "sockets",
        detail: "no sockets were observed",
      },
    ];
  }
  incomplete("sockets");
  const findings: Finding[] = [];
  const listening = new Set<string>();
  for (const socket of observed.sockets) {
    if (socket.state === "listen" && socket.process?.name) listening.add(socket.process.name);
  }
  const approved = new Set(services);
  for (const name of listening) {
    if (!approved.has(name))
      findings.push({
        clause,
        severity: "high",
        kind: "service-added",
        subject: name,
        detail: "accepts connections but is not in the baseline",
      });
  }
  for (const name of approved) {
    if (!listening.has(name))
      findings.push({
        clause,
        severity: "low",
        kind: "service-removed",
        subject: name,
        detail: "is in the baseline but accepts no connections",
      });
  }
  return findings;
}
