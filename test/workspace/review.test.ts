/**
 * The review of the audit log (G2.26) over entries written at known times: what was refused,
 * which logins failed or locked an account, and the unusual — bursts of refusals, a user at a
 * new address, activity outside working hours — on each database.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { type AuditEvent, appendStandaloneAudit, auditSchemaVersion } from "../../src/workspace/audit.js";
import {
  defaultReviewThresholds,
  reviewAuditLog,
  reviewPeriod,
  reviewThresholds,
} from "../../src/workspace/review.js";
import { openStore } from "../../src/workspace/store.js";
import { backends, embedded, freshStore, type Provisioned, type TestStore } from "./backends.js";

type Written = Partial<AuditEvent> & Pick<AuditEvent, "time">;

function event(fields: Written): AuditEvent {
  return {
    actor: "user:alice",
    clientAddress: "10.0.0.1",
    action: "api.request",
    target: "route:GET /api/code/versions",
    outcome: "success",
    timeSource: "test",
    schemaVersion: auditSchemaVersion,
    ...fields,
  };
}

const denied = (time: string, actor: string, clientAddress: string): Written => ({
  time,
  actor,
  clientAddress,
  outcome: "denied",
  target: "route:GET /api/audit/entries",
  detail: {
    status: 403,
    resource: "audit",
    action: "read",
    reason: `${actor} holds no role installation-wide`,
  },
});

// 2025-06-02 is a Monday; London is on summer time (UTC+1), so 09:00Z is 10:00 there.
const period = { since: new Date("2025-06-02T00:00:00Z"), until: new Date("2025-06-09T00:00:00Z") };

describe.each(backends.filter((b) => b.available))("the audit review on $kind", (backend) => {
  let store: TestStore;

  beforeEach(async () => {
    store = await freshStore(backend);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const write = async (...entries: Written[]) => {
    for (const entry of entries) await appendStandaloneAudit(store.db, event(entry));
  };

  it("lists refused requests and failed logins in the period, and nothing from outside it", async () => {
    // G2.6(b): unauthorised attempts are detected; G2.26: the log is reviewed.
    await write(
      denied("2025-06-01T23:59:59.000Z", "user:bob", "10.0.0.9"),
      denied("2025-06-02T09:00:00.000Z", "user:bob", "10.0.0.9"),
      { time: "2025-06-02T09:01:00.000Z", actor: "user:bob" },
      {
        time: "2025-06-02T09:02:00.000Z",
        actor: "anonymous",
        action: "auth.login",
        target: "user:carol",
        outcome: "failure",
        detail: { username: "carol", reason: "wrong-password" },
      },
      {
        time: "2025-06-02T09:02:00.000Z",
        actor: "anonymous",
        target: "route:POST /api/auth/login",
        outcome: "denied",
        detail: { status: 401 },
      },
      { time: "2025-06-02T09:03:00.000Z", actor: "anonymous", action: "auth.lockout", target: "user:carol" },
      denied("2025-06-09T00:00:00.000Z", "user:bob", "10.0.0.9"),
    );
    const review = await reviewAuditLog(store.db, period);
    expect(review.entries).toBe(5);
    expect(review.denied).toMatchObject([
      { time: "2025-06-02T09:00:00.000Z", actor: "user:bob", clientAddress: "10.0.0.9", outcome: "denied" },
    ]);
    expect(review.denied[0]?.detail.reason).toBe("user:bob holds no role installation-wide");
    expect(review.failedLogins.map((e) => [e.kind, e.target])).toEqual([
      ["failed", "user:carol"],
      ["locked-out", "user:carol"],
    ]);
  });

  it("flags a burst of refusals from one actor and from one address, but not refusals spread out", async () => {
    const burst = [0, 1, 2, 3, 4, 5].map((minute) =>
      denied(`2025-06-02T10:0${minute}:00.000Z`, "user:mallory", "10.6.6.6"),
    );
    const spread = [0, 1, 2, 3, 4].map((hour) =>
      denied(`2025-06-03T1${hour}:00:00.000Z`, "user:bob", "10.0.0.9"),
    );
    await write(...burst, ...spread);
    const review = await reviewAuditLog(store.db, period);
    const bursts = review.unusual.filter((u) => u.kind === "denial-burst");
    expect(bursts).toEqual([
      {
        kind: "denial-burst",
        by: "actor",
        who: "user:mallory",
        count: 6,
        from: "2025-06-02T10:00:00.000Z",
        to: "2025-06-02T10:05:00.000Z",
      },
      {
        kind: "denial-burst",
        by: "address",
        who: "10.6.6.6",
        count: 6,
        from: "2025-06-02T10:00:00.000Z",
        to: "2025-06-02T10:05:00.000Z",
      },
    ]);
    const stricter = await reviewAuditLog(store.db, period, { ...defaultReviewThresholds, burstMinutes: 3 });
    expect(stricter.unusual.filter((u) => u.kind === "denial-burst")).toEqual([]);
  });

  it("flags a known user at a new address and activity outside working hours", async () => {
    await write(
      { time: "2025-05-30T09:00:00.000Z", actor: "user:alice", clientAddress: "10.0.0.1" },
      { time: "2025-06-02T09:00:00.000Z", actor: "user:alice", clientAddress: "10.0.0.1" },
      { time: "2025-06-02T09:30:00.000Z", actor: "user:alice", clientAddress: "203.0.113.7" },
      { time: "2025-06-02T09:45:00.000Z", actor: "user:alice", clientAddress: "203.0.113.7" },
      // A user's very first address is not news.
      { time: "2025-06-02T09:50:00.000Z", actor: "user:newcomer", clientAddress: "10.0.0.2" },
      // 05:30 in London, before hours; then a Saturday.
      { time: "2025-06-03T04:30:00.000Z", actor: "user:alice", clientAddress: "10.0.0.1" },
      { time: "2025-06-07T11:00:00.000Z", actor: "user:alice", clientAddress: "10.0.0.1" },
      { time: "2025-06-07T11:00:00.000Z", actor: "service:adt", clientAddress: "10.0.0.1" },
    );
    const review = await reviewAuditLog(store.db, period);
    expect(review.unusual).toEqual([
      {
        kind: "new-address",
        actor: "user:alice",
        clientAddress: "203.0.113.7",
        firstSeen: "2025-06-02T09:30:00.000Z",
      },
      {
        kind: "outside-hours",
        actor: "user:alice",
        count: 2,
        first: "2025-06-03T04:30:00.000Z",
        last: "2025-06-07T11:00:00.000Z",
      },
    ]);
  });
});

describe("the review period", () => {
  const now = new Date("2025-06-09T12:00:00Z");

  it("defaults to the week before now, and takes dates or instants", () => {
    expect(reviewPeriod({}, now)).toEqual({ since: new Date("2025-06-02T12:00:00Z"), until: now });
    expect(reviewPeriod({ since: "2025-06-01", until: "2025-06-02T08:00:00+01:00" }, now)).toEqual({
      since: new Date("2025-06-01T00:00:00Z"),
      until: new Date("2025-06-02T07:00:00Z"),
    });
  });

  it("reads back any instant it is given, as an instant or as its date", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2000-01-01T00:00:00Z"),
          max: new Date("2025-06-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        (since) => {
          const iso = since.toISOString();
          expect(reviewPeriod({ since: iso }, now).since).toEqual(since);
          expect(reviewPeriod({ since: iso.slice(0, 10) }, now).since).toEqual(
            new Date(`${iso.slice(0, 10)}T00:00:00Z`),
          );
        },
      ),
    );
  });

  it("names the bound at fault", () => {
    expect(() => reviewPeriod({ since: "2025-02-30" }, now)).toThrow(/^at since: expected a date YYYY-MM-DD/);
    expect(() => reviewPeriod({ until: "yesterday" }, now, { since: "--since", until: "--until" })).toThrow(
      /^at --until: expected/,
    );
    expect(() => reviewPeriod({ since: "2025-06-10" }, now)).toThrow(
      /^at since: expected a start before the end/,
    );
  });
});

describe("the review thresholds", () => {
  it("reads a burst as COUNT/MINUTES and working hours as START-END over the defaults", () => {
    expect(reviewThresholds({})).toEqual(defaultReviewThresholds);
    expect(reviewThresholds({ burst: "3/5", hours: "8-18" })).toEqual({
      ...defaultReviewThresholds,
      burstCount: 3,
      burstMinutes: 5,
      startHour: 8,
      endHour: 18,
    });
    expect(() => reviewThresholds({ burst: "5 in 10" })).toThrow(
      /^at burst: expected COUNT\/MINUTES like 5\/10/,
    );
    expect(() => reviewThresholds({ burst: "1/10" })).toThrow(/^at burst: expected at least 2 refusals/);
    expect(() => reviewThresholds({ hours: "19-7" }, { burst: "--burst", hours: "--hours" })).toThrow(
      /^at --hours: expected hours from 0 to 24 with START before END/,
    );
  });
});

describe("secg audit review", () => {
  let provisioned: Provisioned;
  beforeEach(async () => {
    provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    await appendStandaloneAudit(store.db, event(denied("2025-06-02T09:00:00.000Z", "user:bob", "10.0.0.9")));
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  async function secg(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  }

  // G2.26: the review is at hand from the command line too.
  it("prints the review as text or JSON, and refuses a bad date with exit 2", async () => {
    const data = provisioned.options.dataDir!;
    const json = await secg(
      "audit",
      "review",
      "--data",
      data,
      "--since",
      "2025-06-01",
      "--until",
      "2025-06-03",
      "--json",
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      denied: [{ actor: "user:bob" }],
      failedLogins: [],
      unusual: [],
    });
    const text = await secg(
      "audit",
      "review",
      "--data",
      data,
      "--since",
      "2025-06-01",
      "--until",
      "2025-06-03",
    );
    expect(text.out).toContain("Denied attempts: 1\n  2025-06-02T09:00:00.000Z  user:bob from 10.0.0.9");
    const strict = await secg(
      "audit",
      "review",
      "--data",
      data,
      "--since",
      "2025-06-01",
      "--until",
      "2025-06-03",
      "--burst",
      "2/1",
      "--json",
    );
    expect(JSON.parse(strict.out).unusual).toEqual([]);
    const badBurst = await secg("audit", "review", "--data", data, "--burst", "many");
    expect(badBurst).toMatchObject({
      code: 2,
      err: expect.stringMatching(/at --burst: expected COUNT\/MINUTES/),
    });
    const bad = await secg("audit", "review", "--data", data, "--since", "June");
    expect(bad).toMatchObject({ code: 2, err: expect.stringMatching(/at --since: expected a date/) });
  });
});
