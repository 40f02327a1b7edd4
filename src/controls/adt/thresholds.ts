import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";
import { isEui64 } from "../duis/identifiers.js";
import { serviceRequest } from "../duis/service-requests.js";
import { parseIsoDuration } from "./iso-time.js";

/**
 * The thresholds file (../shared/contracts/adt.md): the Anomaly Detection Thresholds a User sets
 * per User ID and SRV (G6.3), those the DCC sets across all Users (G6.6(a)), and the limits on
 * data values inside requests (G6.6(b)). Every rule the engine relies on is checked here, so a
 * threshold that could never fire, or a level that makes no sense, is refused with its key path.
 */

/**
 * What a count threshold counts (G6.3(a), G6.6(a)): `critical` — Critical Commands plus every
 * SMETS1 request for a critical SRV; `encrypted` — requests whose responses carry GBCS-encrypted
 * data; `all` — every request for the SRV.
 */
export type Measure = "critical" | "encrypted" | "all";

export type Scope = { readonly kind: "user"; readonly userId: string } | { readonly kind: "dcc" };

/** A User's count threshold: a warning level, a quarantine level, or both. */
export type UserLevels =
  | { readonly warning: number; readonly quarantine?: number }
  | { readonly warning?: number; readonly quarantine: number };

export type CountThreshold = {
  readonly kind: "count";
  /** Position in the file, so decisions can name the threshold that caused them. */
  readonly index: number;
  readonly srv: string;
  readonly measure: Measure;
  readonly periodMs: number;
} & (
  | { readonly scope: { readonly kind: "user"; readonly userId: string }; readonly levels: UserLevels }
  | { readonly scope: { readonly kind: "dcc" }; readonly levels: { readonly quarantine: number } }
);

export type AttributeBounds =
  | { readonly min: number; readonly max?: number }
  | { readonly min?: number; readonly max: number };

export type AttributeLimit = {
  readonly kind: "attribute";
  readonly index: number;
  readonly scope: Scope;
  readonly srv: string;
  /** Name of the data value, as a request's `values` names it. */
  readonly value: string;
  readonly bounds: AttributeBounds;
};

export type Threshold = CountThreshold | AttributeLimit;

export type ThresholdOptions = {
  /** SRVs whose responses are encrypted; `measure: encrypted` is refused for any other. */
  readonly encryptedSrvs: ReadonlySet<string>;
};

const level = z.custom<number>((v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0, {
  error: "a whole number of requests, 0 or more",
});

const bound = z.custom<number>((v) => typeof v === "number" && Number.isFinite(v), {
  error: "a finite number",
});

const entrySchema = z.strictObject({
  scope: z.enum(["user", "dcc"]).optional(),
  userId: z
    .custom<string>((v) => typeof v === "string" && isEui64(v), {
      error: "an EUI-64 User ID like 90-B3-D5-1F-30-01-00-00",
    })
    .optional(),
  srv: z.custom<string>((v) => typeof v === "string" && serviceRequest(v) !== undefined, {
    error: (issue) =>
      typeof issue.input === "number"
        ? `a quoted SRV like "7.2" (unquoted, YAML reads ${issue.input} as a number)`
        : 'an SRV in the DUIS catalogue, like "7.2"',
  }),
  measure: z.enum(["critical", "encrypted", "all"]).optional(),
  warning: level.optional(),
  quarantine: level.optional(),
  period: z
    .custom<string>((v) => typeof v === "string" && parseIsoDuration(v) !== undefined, {
      error: "an ISO-8601 duration like PT24H",
    })
    .optional(),
  value: z.string().min(1).optional(),
  min: bound.optional(),
  max: bound.optional(),
});

type Entry = z.output<typeof entrySchema>;
type Problem = { readonly key: keyof Entry; readonly expected: string };

/** Reads and validates a thresholds file (YAML or JSON); errors name the file, line and key path. */
export function parseThresholds(text: string, file: string, options: ThresholdOptions): Threshold[] {
  const schema = z.strictObject({ thresholds: z.array(entrySchema) }).transform((doc, ctx) => {
    const out: Threshold[] = [];
    doc.thresholds.forEach((entry, index) => {
      const result = toThreshold(entry, index, options);
      if ("expected" in result) {
        ctx.issues.push({
          code: "custom",
          message: result.expected,
          path: ["thresholds", index, result.key],
          input: entry[result.key],
        });
      } else {
        out.push(result);
      }
    });
    return out;
  });
  return parseStructured(text, file, schema);
}

function toThreshold(entry: Entry, index: number, options: ThresholdOptions): Threshold | Problem {
  const scope = toScope(entry);
  if ("expected" in scope) return scope;
  const srv = entry.srv;
  if (entry.value !== undefined) return toAttributeLimit(entry, index, scope, srv);

  if (entry.min !== undefined || entry.max !== undefined) {
    return {
      key: entry.min !== undefined ? "min" : "max",
      expected: "a value name that this min or max limits",
    };
  }
  if (entry.measure === undefined)
    return { key: "measure", expected: "a measure: critical, encrypted or all" };
  if (entry.period === undefined)
    return { key: "period", expected: "a period as an ISO-8601 duration like PT24H" };
  const variant = serviceRequest(srv);
  if (entry.measure === "critical" && !variant?.critical) {
    return {
      key: "measure",
      expected: `encrypted or all: SRV ${srv} is not a Critical Service Request, so "critical" would count nothing`,
    };
  }
  if (entry.measure === "encrypted" && !options.encryptedSrvs.has(srv)) {
    return {
      key: "measure",
      expected: `critical or all: responses to SRV ${srv} are not encrypted, so "encrypted" would count nothing`,
    };
  }
  const base = {
    kind: "count",
    index,
    srv,
    measure: entry.measure,
    periodMs: parseIsoDuration(entry.period)!,
  } as const;
  const { warning, quarantine } = entry;

  if (scope.kind === "dcc") {
    if (warning !== undefined) {
      return {
        key: "warning",
        expected: "no warning level in a dcc-scope threshold (the DCC sets quarantine levels)",
      };
    }
    if (quarantine === undefined) return { key: "quarantine", expected: "a quarantine level" };
    return { ...base, scope, levels: { quarantine } };
  }
  if (warning !== undefined && quarantine !== undefined) {
    if (warning > quarantine) {
      return {
        key: "warning",
        expected: `a warning level no higher than the quarantine level (${quarantine})`,
      };
    }
    return { ...base, scope, levels: { warning, quarantine } };
  }
  if (warning !== undefined) return { ...base, scope, levels: { warning } };
  if (quarantine !== undefined) return { ...base, scope, levels: { quarantine } };
  return { key: "quarantine", expected: "a warning level, a quarantine level or both" };
}

function toScope(entry: Entry): Scope | Problem {
  if (entry.scope === "dcc") {
    if (entry.userId !== undefined) {
      return { key: "userId", expected: "no userId in a dcc-scope threshold (it counts all Users together)" };
    }
    return { kind: "dcc" };
  }
  if (entry.userId === undefined) {
    return {
      key: "userId",
      expected: "a userId (an EUI-64 User ID) for a user-scope threshold, or scope: dcc",
    };
  }
  return { kind: "user", userId: entry.userId.toUpperCase() };
}

function toAttributeLimit(entry: Entry, index: number, scope: Scope, srv: string): AttributeLimit | Problem {
  for (const key of ["measure", "period", "warning", "quarantine"] as const) {
    if (entry[key] !== undefined) {
      return { key, expected: `no ${key} in an attribute limit (it has value, min and max)` };
    }
  }
  const { min, max } = entry;
  const base = { kind: "attribute", index, scope, srv, value: entry.value! } as const;
  if (min !== undefined && max !== undefined) {
    if (min > max) return { key: "min", expected: `a min no greater than max (${max})` };
    return { ...base, bounds: { min, max } };
  }
  if (min !== undefined) return { ...base, bounds: { min } };
  if (max !== undefined) return { ...base, bounds: { max } };
  return { key: "value", expected: "a min, a max or both for this value" };
}
