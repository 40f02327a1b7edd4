import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { parseThresholds, type Threshold } from "../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../src/controls/duis/service-requests.js";

const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
const parse = (text: string): Threshold[] => parseThresholds(text, "t.yaml", options);

function failure(text: string): InputError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const contractExample = `thresholds:
  - { userId: "90-B3-D5-1F-30-01-00-00", srv: "7.2", measure: critical, warning: 40, quarantine: 50, period: PT24H }
  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 5000, period: PT24H }
  - { scope: dcc, srv: "1.2.1", value: price, min: 0, max: 100000 }
`;

describe("thresholds file", () => {
  // G6.3(a)(i), G6.6(a)(i), G6.6(b): the three kinds of threshold in the contract's example.
  it("reads the contract example", () => {
    expect(parse(contractExample)).toEqual([
      {
        kind: "count",
        index: 0,
        srv: "7.2",
        measure: "critical",
        periodMs: 86_400_000,
        scope: { kind: "user", userId: "90-B3-D5-1F-30-01-00-00" },
        levels: { warning: 40, quarantine: 50 },
      },
      {
        kind: "count",
        index: 1,
        srv: "7.2",
        measure: "critical",
        periodMs: 86_400_000,
        scope: { kind: "dcc" },
        levels: { quarantine: 5000 },
      },
      {
        kind: "attribute",
        index: 2,
        scope: { kind: "dcc" },
        srv: "1.2.1",
        value: "price",
        bounds: { min: 0, max: 100000 },
      },
    ]);
  });

  // G6.3: the same file as JSON gives the same thresholds.
  it("reads JSON as well as YAML", () => {
    const json = JSON.stringify({
      thresholds: [
        { userId: "90-b3-d5-1f-30-01-00-00", srv: "7.2", measure: "all", quarantine: 3, period: "P1D" },
      ],
    });
    const [threshold] = parseThresholds(json, "t.json", options);
    expect(threshold).toMatchObject({
      scope: { kind: "user", userId: "90-B3-D5-1F-30-01-00-00" },
      periodMs: 86_400_000,
    });
  });

  // G6.4A: a threshold of zero is legal.
  it("accepts a zero level", () => {
    const [threshold] = parse(
      'thresholds:\n  - { userId: "90-B3-D5-1F-30-01-00-00", srv: "7.1", measure: critical, quarantine: 0, period: PT1H }\n',
    );
    expect(threshold).toMatchObject({ levels: { quarantine: 0 } });
  });

  // G6.3: a period must be a fixed-length ISO-8601 duration.
  it("names the key path and line of a bad period", () => {
    const text = `thresholds:
  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 1, period: PT1H }
  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 1, period: PT1H }
  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 1, period: PT1H }
  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 1, period: 24 hours }
`;
    const e = failure(text);
    expect(e.where).toEqual({ file: "t.yaml", line: 5, path: "thresholds[3].period" });
    expect(e.message).toBe("t.yaml:5 at thresholds[3].period: expected an ISO-8601 duration like PT24H");
    expect(failure(text.replace("24 hours", "P1M")).where.path).toBe("thresholds[3].period");
  });

  // G6.3: each threshold is set in respect of a User ID; G6.6 ones cover all Users.
  it("requires a userId for user scope and refuses one for dcc scope", () => {
    expect(
      failure('thresholds:\n  - { srv: "7.2", measure: critical, quarantine: 1, period: PT1H }\n').where.path,
    ).toBe("thresholds[0].userId");
    const dccWithUser = failure(
      'thresholds:\n  - { scope: dcc, userId: "90-B3-D5-1F-30-01-00-00", srv: "7.2", measure: all, quarantine: 1, period: PT1H }\n',
    );
    expect(dccWithUser.where.path).toBe("thresholds[0].userId");
    expect(
      failure('thresholds:\n  - { userId: "90-B3", srv: "7.2", measure: all, quarantine: 1, period: PT1H }\n')
        .expected,
    ).toMatch(/EUI-64/);
  });

  // G6.3, G6.6: levels are whole numbers of requests, warning no higher than quarantine.
  it("checks levels", () => {
    const user = (levels: string) =>
      failure(
        `thresholds:\n  - { userId: "90-B3-D5-1F-30-01-00-00", srv: "7.2", measure: all, ${levels} period: PT1H }\n`,
      );
    expect(user("quarantine: -1,").where.path).toBe("thresholds[0].quarantine");
    expect(user("quarantine: 1.5,").where.path).toBe("thresholds[0].quarantine");
    expect(user("warning: 6, quarantine: 5,").where.path).toBe("thresholds[0].warning");
    expect(user("").expected).toMatch(/warning level, a quarantine level/);
    const dccWarning = failure(
      'thresholds:\n  - { scope: dcc, srv: "7.2", measure: all, warning: 1, quarantine: 2, period: PT1H }\n',
    );
    expect(dccWarning.where.path).toBe("thresholds[0].warning");
  });

  // G6.3(a): a measure that could never count a request for the SRV is refused.
  it("refuses measures that cannot apply to the SRV", () => {
    const critical = failure(
      'thresholds:\n  - { scope: dcc, srv: "4.1.1", measure: critical, quarantine: 1, period: PT1H }\n',
    );
    expect(critical.where.path).toBe("thresholds[0].measure");
    const encrypted = failure(
      'thresholds:\n  - { scope: dcc, srv: "7.2", measure: encrypted, quarantine: 1, period: PT1H }\n',
    );
    expect(encrypted.where.path).toBe("thresholds[0].measure");
  });

  // G6.3: thresholds are per SRV; an unquoted SRV is read by YAML as a number and refused.
  it("requires a quoted SRV from the catalogue", () => {
    const unquoted = failure(
      "thresholds:\n  - { scope: dcc, srv: 7.10, measure: all, quarantine: 1, period: PT1H }\n",
    );
    expect(unquoted.where.path).toBe("thresholds[0].srv");
    expect(unquoted.expected).toMatch(/quoted/);
    expect(
      failure('thresholds:\n  - { scope: dcc, srv: "9.9", measure: all, quarantine: 1, period: PT1H }\n')
        .expected,
    ).toMatch(/catalogue/);
  });

  // G6.6(b): an attribute limit names a value and at least one bound, and nothing of a count.
  it("checks attribute limits", () => {
    expect(failure('thresholds:\n  - { scope: dcc, srv: "1.2.1", value: price }\n').where.path).toBe(
      "thresholds[0].value",
    );
    expect(
      failure('thresholds:\n  - { scope: dcc, srv: "1.2.1", value: price, min: 5, max: 1 }\n').where.path,
    ).toBe("thresholds[0].min");
    expect(
      failure('thresholds:\n  - { scope: dcc, srv: "1.2.1", value: price, max: 1, period: PT1H }\n').where
        .path,
    ).toBe("thresholds[0].period");
    expect(
      failure(
        'thresholds:\n  - { scope: dcc, srv: "1.2.1", measure: all, max: 1, period: PT1H, quarantine: 1 }\n',
      ).where.path,
    ).toBe("thresholds[0].max");
  });

  // G6.3: unknown keys are refused so that a typo never silently drops a threshold.
  it("refuses unknown keys and a missing list", () => {
    const typo = failure(
      'thresholds:\n  - { scope: dcc, srv: "7.2", measure: all, quarantine: 1, perod: PT1H }\n',
    );
    expect(typo.where).toMatchObject({ line: 2, path: "thresholds[0].perod" });
    expect(failure("limits: []\n").where.path).toBe("thresholds");
    expect(failure("").where.line).toBe(1);
  });
});
