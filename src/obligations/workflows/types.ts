import type { IsoDate } from "../calendar/iso-date.js";

/**
 * What an assessment workflow knows, built up step by step. Pure data: every field is set by one
 * transition (see the machines), so the record can be replayed from its steps.
 */

/** The machines: a User's assessment in the yearly cycle (G8.22–G8.29), the initial Full one for
 * User Entry (G8.33–G8.39), the initial one of a Triage Facility Provider (G12.6–G12.7), and the
 * DCC's (G9.19–G9.33). */
export const workflowKinds = ["user", "entry", "triage-entry", "dcc"] as const;
export type WorkflowKind = (typeof workflowKinds)[number];

/** G8.15's four categories; DCC assessments are Full ones or Follow-ups (G9.26). */
export const workflowCategories = ["full", "verification", "self", "follow-up"] as const;
export type WorkflowCategory = (typeof workflowCategories)[number];

/** A Full assessment finds actual or potential non-compliance (G8.22(b), G9.19(b)–(d)); a
 * Verification one finds a material increase in security risk (G8.22(c)). */
export const findingKinds = ["actual", "potential", "risk-increase"] as const;
export type FindingKind = (typeof findingKinds)[number];

export type Finding = {
  readonly id: string;
  /** A clause of the catalogue (e.g. G5.18 or G5.18(b)), or for the DCC LC8, Z6 or Z7. */
  readonly obligation: string;
  readonly kind: FindingKind;
  readonly summary: string;
  /** References to evidence records that establish it (G8.22(b)(ii), G9.19(e)). */
  readonly evidence: readonly string[];
};

export type RemedialStep = {
  readonly description: string;
  readonly by?: IsoDate | undefined;
  readonly done?: boolean | undefined;
};

/** The User's (or DCC's) answer to one finding (G8.26, G9.23). */
export type FindingAnswer = {
  readonly finding: string;
  readonly accepted: boolean;
  /** Why a finding is disputed (G8.26(a)). */
  readonly reason?: string | undefined;
  /** Steps taken or proposed (G8.26(b)) with the timetable for those not yet taken (G8.26(c)). */
  readonly steps: readonly RemedialStep[];
};

export const assuranceStatuses = ["approved", "approved-subject-to", "deferred", "rejected"] as const;
/** The Panel's assurance status of a Party after its initial Full assessment (G8.36). */
export type AssuranceStatus = (typeof assuranceStatuses)[number];

export type WorkflowData = {
  readonly scheduledFor?: IsoDate | undefined;
  /** Shared Resource Users that must receive copies of the report, response, agreed steps and
   * progress reports when the assessed party is a Shared Resource Provider (G10.7, G10.8). */
  readonly copiesTo: readonly string[];
  readonly fieldworkStarted?: IsoDate | undefined;
  readonly report?: {
    readonly submitted: IsoDate;
    readonly summary: string;
    readonly findings: readonly Finding[];
  };
  /** The latest date the SSC allows for the response (G8.24, G9.21). */
  readonly responseDue?: IsoDate | undefined;
  readonly response?: { readonly submitted: IsoDate; readonly answers: readonly FindingAnswer[] };
  readonly review?: {
    readonly decided: IsoDate;
    readonly outcome: "accepted" | "alternative-agreed";
    /** The alternative steps agreed with the SSC, replacing the proposed ones (G8.27(b)). */
    readonly agreedSteps?: readonly FindingAnswer[] | undefined;
    readonly note?: string | undefined;
  };
  /** Dates the SSC sets for progress reports (G8.28(b)(i), G9.25(b)(i)). */
  readonly progressReportsDue: readonly IsoDate[];
  readonly progressReports: readonly {
    readonly submitted: IsoDate;
    readonly summary: string;
    readonly completed: boolean;
    readonly failures?: string | undefined;
  }[];
  readonly followUp?: {
    readonly requested: IsoDate;
    readonly by: IsoDate;
    readonly matters?: string | undefined;
    readonly completed?: IsoDate | undefined;
    readonly summary?: string | undefined;
    readonly stepsTaken?: boolean | undefined;
  };
  readonly assuranceStatus?: {
    readonly status: AssuranceStatus;
    readonly set: IsoDate;
    readonly conditions?: string | undefined;
    /** The Follow-up the Panel requires by a date (G8.36(b)(ii)). */
    readonly followUpBy?: IsoDate | undefined;
  };
  /** When the Party counts as having met the security requirements of User Entry (G8.37(a)). */
  readonly approval?: { readonly on: IsoDate; readonly clause: "G8.37(a)(i)" | "G8.37(a)(ii)" };
  readonly appeal?: {
    readonly lodged: IsoDate;
    readonly grounds: string;
    readonly determined?: IsoDate | undefined;
  };
  /** The SSC's explicit approval of Triage Activities after 'approved subject to' (G12.7(b)). */
  readonly triageApproved?: IsoDate | undefined;
  /** The DCC's compliance status (G9.28–G9.31). */
  readonly complianceStatus?: {
    readonly set: IsoDate;
    readonly nonCompliances: readonly string[];
    /** What the SSC requires where non-compliances remain (G9.30). */
    readonly requirement?: "steps" | "follow-up" | undefined;
    /** Non-compliances remaining are notified to the Panel (G9.31). */
    readonly panelNotified: boolean;
  };
  readonly closed?: IsoDate | undefined;
};

export const emptyData: WorkflowData = { copiesTo: [], progressReportsDue: [], progressReports: [] };
