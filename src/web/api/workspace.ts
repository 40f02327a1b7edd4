/**
 * The workspace endpoints the pages call, in the shapes of the API contract. Records whose fields
 * differ per register or control are kept as plain objects: the pages show what is there.
 */
// Types only: nothing of the ADT modules is bundled.
import type { CoverageFinding } from "../../controls/adt/coverage.js";
import type { ThresholdReport } from "../../controls/adt/report.js";
import type { RefusalReason } from "../../controls/adt/signing.js";
import type { Review } from "../../workspace/review.js";
import { endpoint, request, seg, send, withQuery } from "./client.js";

export type Json = Record<string, unknown>;

// The one list of registers; the module is plain data, safe to bundle.
export { registerNames } from "../../workspace/registers/names.js";

export type ImportOutcome = {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
};

export type AssessmentSummary = {
  readonly id: string;
  readonly kind: string;
  readonly state: string;
  readonly category?: string;
  readonly scheduledFor?: string | null;
  readonly version?: number;
  readonly updatedAt?: string;
};

/** One input of a step's payload as the API describes it; lists and groups nest. */
export type StepField = {
  readonly name: string;
  readonly label: string;
  readonly type: "text" | "date" | "enum" | "boolean" | "list" | "group";
  readonly required: boolean;
  readonly help?: string;
  readonly options?: readonly string[];
  readonly item?: StepField;
  readonly fields?: readonly StepField[];
};

/** A step the workflow may take next: its name, the clause behind it, who may take it, what it needs. */
export type AllowedTransition = {
  readonly name: string;
  readonly label: string;
  readonly clause: string;
  readonly summary: string;
  readonly roles: readonly string[];
  readonly to: readonly string[];
  readonly fields: readonly StepField[];
};

export const assessmentKinds = ["user", "entry", "triage-entry", "dcc"] as const;
export const userAssessmentCategories = ["full", "verification", "self", "follow-up"] as const;

export type Assessment = AssessmentSummary & {
  readonly steps: readonly Json[];
  readonly findings: readonly Json[];
  readonly allowedTransitions: readonly AllowedTransition[];
};

export type ControlRun = {
  readonly id: string;
  readonly control: string;
  readonly system?: string | null;
  readonly status: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly obligations?: readonly string[];
};

export type Finding = {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly source?: string;
  readonly system?: string | null;
  readonly severity?: string;
  readonly obligations?: readonly string[];
  readonly firstSeen?: string;
  readonly lastSeen?: string;
  readonly detail?: string;
};

export type ObligationStatus = {
  readonly id: string;
  readonly evidence: readonly Json[];
  readonly lastRun?: Json | null;
  readonly openFindings: number;
};

export type QuarantinedRequest = {
  readonly requestId: string;
  readonly userId: string;
  readonly request: Json;
  readonly breach: string;
  readonly threshold: number;
  readonly status: "waiting" | "deleted" | "processed";
  readonly quarantinedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
};

export type Checkpoint = {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly keyName: string;
  readonly signedAt: string;
  readonly note: string;
};

export type AuditKey = {
  readonly name: string;
  readonly publicKey: string;
  /** As `secg audit keys` prints it: name+hex(key id)+base64(0x01 || key). */
  readonly verifierKey: string;
  readonly registeredAt: string;
};

export type AuditEntries = {
  readonly size: number;
  /** `entry` is null once a retention removed the text; its leaf hash stays in the tree. */
  readonly entries: readonly { index: number; seq: number; leafHash: string; entry: string | null }[];
  readonly next: number | null;
};

// The G2.26 review's answer, typed as the workspace defines it (types only: nothing is bundled).
export type {
  FailedLogin,
  ReviewedEntry as ReviewEntry,
  Unusual as UnusualActivity,
} from "../../workspace/review.js";

const party = (id: string) => `/api/parties/${seg(id)}`;

export const registersApi = {
  counts: (p: string) =>
    endpoint<{ registers: { register: string; count: number }[] }>(`${party(p)}/registers`),
  items: (p: string, register: string) =>
    endpoint<{ items: Json[] }>(`${party(p)}/registers/${seg(register)}`),
  put: (p: string, register: string, id: string, record: Json) =>
    send<Json>("PUT", `${party(p)}/registers/${seg(register)}/${seg(id)}`, record),
  importUrl: (p: string, register: string) => `${party(p)}/registers/${seg(register)}/import`,
  exportUrl: (p: string, register: string, format: "csv" | "json") =>
    withQuery(`${party(p)}/registers/${seg(register)}/export`, { format }),
};

export const assessmentsApi = {
  list: (p: string) => endpoint<{ assessments: AssessmentSummary[] }>(`${party(p)}/assessments`),
  one: (p: string, id: string) => endpoint<Assessment>(`${party(p)}/assessments/${seg(id)}`),
  create: (p: string, body: Json) => send<Assessment>("POST", `${party(p)}/assessments`, body),
  transition: (p: string, id: string, body: Json) =>
    send<Assessment>("POST", `${party(p)}/assessments/${seg(id)}/transitions`, body),
  responseUrl: (p: string, id: string, format: "md" | "pdf") =>
    `${party(p)}/assessments/${seg(id)}/response.${format}`,
};

export const controlsApi = {
  runs: (p: string, control: string) =>
    endpoint<{ runs: ControlRun[] }>(`${party(p)}/controls/runs`, { control }),
  findings: (p: string, status: string) =>
    endpoint<{ findings: Finding[] }>(`${party(p)}/findings`, { status }),
  setStatus: (p: string, id: string, status: string, note: string) =>
    send<Json>("POST", `${party(p)}/findings/${seg(id)}/status`, note ? { status, note } : { status }),
  obligationsStatus: (p: string) =>
    endpoint<{ obligations: ObligationStatus[] }>(`${party(p)}/obligations/status`),
  runCheck: (p: string, check: string, body: { readonly ecosServiceLiveDate?: string } = {}) =>
    send<{ findings: readonly Json[]; run: ControlRun }>("POST", `${party(p)}/checks/${seg(check)}`, body),
};

/** What POST …/adt/thresholds/check says of a thresholds file (src/api/routes/adt-thresholds.ts). */
export type ThresholdsCheck = {
  readonly report: ThresholdReport;
  readonly coverage: readonly CoverageFinding[];
  readonly signature: {
    readonly userId: string;
    readonly sequence: number;
    readonly status: "verified" | "not-checked" | RefusalReason;
    readonly message: string;
  } | null;
};

export type ThresholdsCheckBody = {
  readonly thresholds: { readonly name: string; readonly text: string };
  readonly publicKey?: string;
  readonly lastSequence?: number;
};

export const adtApi = {
  quarantine: (status: string) => endpoint<QuarantinedRequest[]>("/api/adt/quarantine", { status }),
  checkThresholds: (p: string, body: ThresholdsCheckBody) =>
    send<ThresholdsCheck>("POST", `${party(p)}/adt/thresholds/check`, body),
  decide: (requestId: string, decision: "delete" | "process") =>
    send<QuarantinedRequest>("POST", `/api/adt/quarantine/${seg(requestId)}/decision`, { decision }),
};

export const auditApi = {
  checkpoint: () => endpoint<Checkpoint>("/api/audit/checkpoint"),
  entries: (from: number, limit: number, signal?: AbortSignal) =>
    request<AuditEntries>(
      "GET",
      withQuery("/api/audit/entries", { from: String(from), limit: String(limit) }),
      {
        ...(signal ? { signal } : {}),
      },
    ),
  review: (since: string, until: string) => endpoint<Review>("/api/review", { since, until }),
  keys: () => request<{ keys: AuditKey[] }>("GET", "/api/audit/keys"),
};

/** A party's security policy (src/workspace/party-policy.ts): what the rule checks read instead of their defaults. */
export type PartyPolicy = {
  readonly coolingOffDays?: number;
  readonly sscApprovedDevGapMonths?: number;
  readonly promptHours?: number;
  readonly followUpDays?: number;
  readonly anomalyRules?: readonly Json[];
};

export type StoredPolicy = {
  readonly policy: PartyPolicy;
  /** 0 while the party has set no policy. */
  readonly version: number;
  readonly sha256: string | null;
  readonly updatedAt: string | null;
};

export const policyApi = {
  get: (p: string) => endpoint<StoredPolicy>(`${party(p)}/policy`),
  put: (p: string, policy: Json) =>
    send<StoredPolicy & { outcome: "created" | "updated" | "unchanged" }>(
      "PUT",
      `${party(p)}/policy`,
      policy,
    ),
};
