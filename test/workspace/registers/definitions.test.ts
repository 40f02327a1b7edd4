import { describe, expect, it } from "vitest";
import { registerDefinitions } from "../../../src/workspace/registers/index.js";
import { allowlistOf, type SystemRecord } from "../../../src/workspace/registers/systems.js";

/** The key paths of the problems a register's schema finds in a record, or [] when it is valid. */
function problemsIn(register: keyof typeof registerDefinitions, record: object): string[] {
  const result = registerDefinitions[register].schema.safeParse(record);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("register definitions", () => {
  it("systems: a status needs the dates of the states it passed, in order (G3.9)", () => {
    const base = { id: "crm", name: "CRM", kind: "user-system" };
    expect(problemsIn("systems", { ...base, status: "planned" })).toEqual([]);
    // G3.9(a)(iii): operational only once the SSC has authorised it.
    expect(problemsIn("systems", { ...base, status: "operational", operationalOn: "2025-01-01" })).toEqual([
      "authorisedOn",
    ]);
    expect(
      problemsIn("systems", {
        ...base,
        status: "operational",
        authorisedOn: "2025-02-01",
        operationalOn: "2025-01-01",
      }),
    ).toEqual(["operationalOn"]);
    expect(problemsIn("systems", { ...base, status: "planned", authorisedOn: "2025-01-01" })).toEqual([
      "authorisedOn",
    ]);
  });

  it("systems: ports are checked by the host controls' allowlist reader and convert to its form", () => {
    // G2.4(b)-(c): each allowed port has a purpose; peers are real networks.
    const system = registerDefinitions.systems.schema.parse({
      id: "hes",
      name: "Head end",
      kind: "user-system",
      status: "planned",
      ports: [{ port: 443, protocol: "tcp", peers: ["10.0.0.0/8"], purpose: "DCC gateway" }],
    }) as SystemRecord;
    expect(allowlistOf(system).allow[0]).toMatchObject({
      port: 443,
      peers: [{ family: 4, text: "10.0.0.0/8" }],
    });
    expect(
      problemsIn("systems", {
        ...system,
        ports: [{ port: 443, protocol: "tcp", peers: ["10.0.0.300/8"], purpose: "x" }],
      }),
    ).toEqual(["ports.0.peers.0"]);
  });

  it("people: screening dates and clearance dates must fit (G4.1(b), G4.3)", () => {
    const base = { id: "p", name: "P" };
    expect(problemsIn("people", { ...base, screeningStandard: "none", screenedOn: "2025-01-01" })).toEqual([
      "screenedOn",
    ]);
    expect(problemsIn("people", { ...base, clearanceLevel: "security-check" })).toEqual(["clearanceGranted"]);
    expect(
      problemsIn("people", {
        ...base,
        clearanceLevel: "security-check",
        clearanceGranted: "2025-01-01",
        nextReviewDue: "2024-12-31",
      }),
    ).toEqual(["nextReviewDue"]);
  });

  it("keys: purposes come from the key-use control's list (G2.56, G3.29)", () => {
    const key = { id: "k1", kind: "command-signing", purposes: ["command-signature"] };
    expect(problemsIn("keys", key)).toEqual([]);
    expect(problemsIn("keys", { ...key, purposes: ["signing-anything"] })).toEqual(["purposes.0"]);
    expect(problemsIn("keys", { ...key, purposes: [] })).toEqual(["purposes"]);
  });

  it("modules: a FIPS 140-2 level is 1 to 4 (G2.44)", () => {
    expect(problemsIn("modules", { id: "m", name: "HSM", fips140Level: 3 })).toEqual([]);
    expect(problemsIn("modules", { id: "m", name: "HSM", fips140Level: 5 })).toEqual(["fips140Level"]);
  });

  it("vulnerabilities: the manufacturer is told after discovery, and mitigated needs the mitigation (G3.17-G3.19)", () => {
    const base = { id: "v", title: "T", severity: "high", discovered: "2025-03-01", status: "open" };
    expect(problemsIn("vulnerabilities", base)).toEqual([]);
    expect(problemsIn("vulnerabilities", { ...base, manufacturerNotified: "2025-02-01" })).toEqual([
      "manufacturerNotified",
    ]);
    expect(problemsIn("vulnerabilities", { ...base, status: "mitigated" })).toEqual(["mitigation"]);
  });

  it("incidents: detected no earlier than occurred, in UTC (G3.4-G3.5)", () => {
    const base = { id: "i", title: "T", detected: "2025-03-01T10:00:00Z", major: true, status: "open" };
    expect(problemsIn("incidents", { ...base, occurred: "2025-03-01T09:00:00Z" })).toEqual([]);
    expect(problemsIn("incidents", { ...base, occurred: "2025-03-01T11:00:00Z" })).toEqual(["detected"]);
    expect(problemsIn("incidents", { ...base, detected: "2025-03-01 10:00" })).toEqual(["detected"]);
  });

  it("shared-resources: provider and users are party ids (G10)", () => {
    const base = { id: "s", provider: "host-co", users: ["acme"], description: "Hosted CRM" };
    expect(problemsIn("shared-resources", base)).toEqual([]);
    expect(problemsIn("shared-resources", { ...base, users: [] })).toEqual(["users"]);
  });

  it("evidence: links need a URL, files their stored details, and obligations the catalogue's ids", () => {
    const base = {
      id: "e",
      title: "T",
      collectedOn: "2025-01-01",
      method: "interview",
      obligations: ["G4.1"],
    };
    expect(problemsIn("evidence", { ...base, kind: "link", url: "https://example.org/minutes" })).toEqual([]);
    expect(problemsIn("evidence", { ...base, kind: "link" })).toEqual(["url"]);
    expect(problemsIn("evidence", { ...base, kind: "file" })).toEqual(["file"]);
    expect(problemsIn("evidence", { ...base, kind: "link", url: "ftp://example.org/x" })).toEqual(["url"]);
    expect(
      problemsIn("evidence", { ...base, kind: "link", url: "https://example.org", expiresOn: "2024-01-01" }),
    ).toEqual(["expiresOn"]);
  });
});
