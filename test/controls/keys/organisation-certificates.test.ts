import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  type CertificateRegister,
  checkOrganisationCertificates,
  type OrganisationCertificate,
  parseCertificateRegister,
} from "../../../src/controls/keys/index.js";
import { addDays, parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";

const on = parseIsoDate("2026-03-01");
const cert = (fields: Partial<OrganisationCertificate> = {}): OrganisationCertificate => ({
  id: "c1",
  remotePartyRole: "accessControlBroker",
  gbcsRole: true,
  nonGbcsUse: true,
  subscribed: parseIsoDate("2024-01-01"),
  expires: parseIsoDate("2026-12-31"),
  ...fields,
});
const check = (certificates: OrganisationCertificate[], live?: string) =>
  checkOrganisationCertificates(
    { ...(live === undefined ? {} : { ecosServiceLiveDate: parseIsoDate(live) }), certificates },
    on,
  ).map((f) => `${f.clause} ${f.severity}`);

describe("Organisation Certificates under GBCS roles used beyond GBCS (G2.57)", () => {
  it("asks for the key to be replaced, by expiry at the latest", () => {
    // G2.57: at the earliest opportunity, and no later than the certificate's expiry.
    expect(check([cert()])).toEqual(["G2.57 warning"]);
    expect(check([cert({ expires: parseIsoDate("2026-02-28") })])).toEqual(["G2.57 error"]);
    expect(check([cert({ keyReplaced: parseIsoDate("2025-06-01") })])).toEqual([]);
    expect(
      check([cert({ expires: parseIsoDate("2025-12-31"), keyReplaced: parseIsoDate("2026-01-02") })]),
    ).toEqual(["G2.57 error"]);
  });

  it("leaves alone certificates whose role is not a GBCS one or whose key stays within GBCS", () => {
    // G2.57(a) and (b) must both hold.
    expect(check([cert({ gbcsRole: false }), cert({ id: "c2", nonGbcsUse: false })])).toEqual([]);
  });
});

describe("new subscriptions after the ECoS Service Live Date (G2.58, G2.59)", () => {
  it("refuses a new one after the date, unless it replaces one revoked under SMKI Recovery", () => {
    // G2.58 "after" the date: subscribing on the date itself is outside it. G2.59 lifts it.
    const recent = cert({ subscribed: parseIsoDate("2025-07-01"), keyReplaced: parseIsoDate("2025-08-01") });
    expect(check([recent], "2025-06-30")).toEqual(["G2.58 error"]);
    expect(check([recent], "2025-07-01")).toEqual([]);
    expect(check([{ ...recent, replacesRevokedUnderRecovery: true }], "2025-06-30")).toEqual([]);
    // Without the date, G2.58 cannot be judged.
    expect(check([recent])).toEqual([]);
  });
});

describe("the certificate register format", () => {
  it("refuses an expiry before the subscription, naming the key", () => {
    const text =
      "certificates:\n  - { id: c, remotePartyRole: r, gbcsRole: true, nonGbcsUse: true, subscribed: 2025-01-02, expires: 2025-01-01 }\n";
    expect(() => parseCertificateRegister(text, "certs.yaml")).toThrow(/certificates\[0\]\.expires/);
  });

  it("round-trips every valid register through YAML", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays(parseIsoDate("2020-01-01"), n));
    const anyCert = fc
      .record({
        id: fc.constantFrom("a", "b", "c"),
        remotePartyRole: fc.constantFrom("supplier", "networkOperator"),
        gbcsRole: fc.boolean(),
        nonGbcsUse: fc.boolean(),
        subscribed: day,
        life: fc.integer({ min: 0, max: 1000 }),
      })
      .map(({ life, ...c }): OrganisationCertificate => ({ ...c, expires: addDays(c.subscribed, life) }));
    fc.assert(
      fc.property(fc.uniqueArray(anyCert, { selector: (c) => c.id }), day, (certificates, live) => {
        const register: CertificateRegister = { ecosServiceLiveDate: live, certificates };
        expect(parseCertificateRegister(stringify(register), "r.yaml")).toEqual(register);
      }),
    );
  });
});
