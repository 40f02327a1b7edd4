/**
 * Which clause places each dated duty, on a User and on the DCC. Where two clauses ask for the same
 * thing (G3.7 by a CREST tester or CHECK provider for a Supplier Party, G3.8 for every User; G2.13 and
 * G2.14 for the DCC) both are listed, most demanding first: one assessment can meet both, so they give
 * one deadline that names the first clause that applies and mentions the others.
 */
export type DutyKey =
  | "incidentNotice"
  | "incidentNoticeCsp"
  | "vulnerabilityAnnual"
  | "vulnerabilityBeforeLive"
  | "vulnerabilityOnIncident"
  | "newSystemAuthorised"
  | "decommissionNotice"
  | "clearanceReview"
  | "riskAnnual"
  | "riskOnIncident"
  | "riskOnChange"
  | "vulnerabilityNotice"
  | "vulnerabilityRemedy"
  | "awareVulnerabilityNotice"
  | "awareVulnerabilityRemedy"
  | "ismsReview"
  | "sharedFirstNotice"
  | "sharedRepeatNotice"
  | "sscResponse"
  | "sscProgress"
  | "dccAssessment";

export type ClauseTable = Readonly<Record<DutyKey, readonly string[]>>;

export const userClauses: ClauseTable = {
  incidentNotice: ["G3.5"],
  incidentNoticeCsp: [],
  vulnerabilityAnnual: ["G3.7(a)", "G3.8(a)"],
  vulnerabilityBeforeLive: ["G3.7(b)", "G3.8(b)"],
  vulnerabilityOnIncident: ["G3.7(c)", "G3.8(c)"],
  newSystemAuthorised: ["G3.9(a)"],
  decommissionNotice: ["G3.9(c)"],
  clearanceReview: ["G4.1(b)"],
  riskAnnual: ["G5.16(a)"],
  riskOnIncident: ["G5.16(c)"],
  riskOnChange: ["G5.16(b)"],
  // Found by a G3.7 or G3.8 assessment: G3.9(b) and, since the User is aware of it, G3.18(b)–(c).
  vulnerabilityNotice: ["G3.9(b)(ii)", "G3.18(c)"],
  vulnerabilityRemedy: ["G3.9(b)(i)", "G3.18(b)"],
  // Learnt of any other way (an advisory, a test, a report): G3.18(b)–(c) alone.
  awareVulnerabilityNotice: ["G3.18(c)"],
  awareVulnerabilityRemedy: ["G3.18(b)"],
  ismsReview: ["G5.18(c)"],
  sharedFirstNotice: ["G5.27(a)"],
  sharedRepeatNotice: ["G5.27(b)"],
  sscResponse: ["G8.24"],
  sscProgress: ["G8.28(b)(i)"],
  dccAssessment: [],
};

/**
 * Section G gives the DCC no counterpart of G3.9(a), G3.9(c) or G5.27, so those produce nothing for it;
 * G2.31(b)–(c) are its counterpart of G3.9(b) and G3.18(b)–(c), for any material vulnerability it
 * becomes aware of, however found.
 */
export const dccClauses: ClauseTable = {
  incidentNotice: ["G2.11(a)"],
  incidentNoticeCsp: ["G2.11(b)"],
  vulnerabilityAnnual: ["G2.13(a)", "G2.14(a)"],
  vulnerabilityBeforeLive: ["G2.13(b)", "G2.14(b)"],
  vulnerabilityOnIncident: ["G2.13(c)", "G2.14(c)"],
  newSystemAuthorised: [],
  decommissionNotice: [],
  clearanceReview: ["G4.4(b)"],
  riskAnnual: ["G5.2(a)"],
  riskOnIncident: ["G5.2(c)"],
  riskOnChange: ["G5.2(b)"],
  vulnerabilityNotice: ["G2.31(c)"],
  vulnerabilityRemedy: ["G2.31(b)"],
  awareVulnerabilityNotice: ["G2.31(c)"],
  awareVulnerabilityRemedy: ["G2.31(b)"],
  ismsReview: ["G5.3(c)"],
  sharedFirstNotice: [],
  sharedRepeatNotice: [],
  sscResponse: ["G9.21"],
  sscProgress: ["G9.25(b)(i)"],
  dccAssessment: ["G9.3(b)(i)"],
};

/**
 * Whether a unit such as `G5.18(c)` is among the applying obligation ids, which name either a whole
 * clause (`G5.18`: all of it applies) or single paragraphs (`G5.18(c)`, or one of its sub-paragraphs).
 */
export function unitApplies(unit: string, applying: ReadonlySet<string>): boolean {
  if (applying.has(unit)) return true;
  for (let cut = unit.lastIndexOf("("); cut > 0; cut = unit.lastIndexOf("(", cut - 1)) {
    if (applying.has(unit.slice(0, cut))) return true;
  }
  for (const id of applying) if (id.startsWith(`${unit}(`)) return true;
  return false;
}
