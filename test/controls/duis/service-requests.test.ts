import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  defaultEncryptedResponseSrvs,
  serviceRequest,
  serviceRequests,
} from "../../../src/controls/duis/service-requests.js";
import { sharedPath } from "../../support/shared.js";

const referencePath = sharedPath("reference/duis-service-requests.json");

type ReferenceRow = {
  "Service Request Name": string;
  "Service Reference": string;
  "Service Reference Variant": string;
  Critical: "Yes" | "No";
  "On Demand": "Yes" | "No";
  "DCC Scheduled": "Yes" | "No";
  "Non-Device Request": "Yes" | "No";
  "Eligible User Roles": string[];
};

const roleCodes: Record<string, string> = {
  IS: "import-supplier",
  ES: "export-supplier",
  GS: "gas-supplier",
  ED: "electricity-distributor",
  GT: "gas-transporter",
  OU: "other-user",
  RSA: "registered-supplier-agent",
};

describe.skipIf(!referencePath)("the SRV catalogue against the DUIS reference facts", () => {
  const reference: ReferenceRow[] = referencePath ? JSON.parse(readFileSync(referencePath, "utf8")) : [];

  // G6.3, G6.6(a): thresholds are set for each SRV in the DUIS schedule — all 129 of them.
  it("holds the same 129 SRVs", () => {
    expect(serviceRequests).toHaveLength(129);
    expect(serviceRequests.map((s) => s.srv).sort()).toEqual(
      reference.map((r) => r["Service Reference Variant"]).sort(),
    );
  });

  // G6.3(a)(i): the critical flag decides what a `critical` threshold counts.
  it("agrees on critical flags, delivery flags and eligible User Roles", () => {
    for (const row of reference) {
      const srv = serviceRequest(row["Service Reference Variant"])!;
      expect(srv.critical, srv.srv).toBe(row.Critical === "Yes");
      expect(srv.onDemand, srv.srv).toBe(row["On Demand"] === "Yes");
      expect(srv.dccScheduled, srv.srv).toBe(row["DCC Scheduled"] === "Yes");
      expect(srv.nonDevice, srv.srv).toBe(row["Non-Device Request"] === "Yes");
      expect([...srv.roles].sort(), srv.srv).toEqual(
        row["Eligible User Roles"].map((code) => roleCodes[code]).sort(),
      );
    }
  });

  // G6.3: Service References group SRVs; the reference file wrote 6.20 as the number 6.2, the schema says 6.20.
  it("agrees on Service References, apart from the reference's 6.20 slip", () => {
    for (const row of reference) {
      const srv = serviceRequest(row["Service Reference Variant"])!;
      const expected = srv.srv.startsWith("6.20.") ? "6.20" : row["Service Reference"];
      expect(srv.serviceReference, srv.srv).toBe(expected);
    }
  });
});

describe("the SRV catalogue on its own", () => {
  // G6.3(a)(i): Critical Commands are sent with CV 5–7, so only critical SRVs may use them.
  it("allows signed Command Variants for critical SRVs only", () => {
    for (const srv of serviceRequests) {
      const signed = srv.commandVariants.some((cv) => cv >= 4 && cv <= 7);
      expect(signed, srv.srv).toBe(srv.critical);
    }
  });

  // G6.3(a)(ii): the encrypted-response SRVs are catalogued, non-critical reads.
  it("lists encrypted-response SRVs that exist", () => {
    expect(defaultEncryptedResponseSrvs).toHaveLength(10);
    for (const id of defaultEncryptedResponseSrvs) expect(serviceRequest(id)?.critical, id).toBe(false);
  });

  // G6.6(a): each SRV belongs to one Service Reference, including two-digit ones like 6.20.
  it("derives Service References from the SRV", () => {
    expect(serviceRequest("6.20.1")?.serviceReference).toBe("6.20");
    expect(serviceRequest("4.10")?.serviceReference).toBe("4.10");
    expect(serviceRequest("9.9")).toBeUndefined();
  });
});
