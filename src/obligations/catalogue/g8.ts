import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/**
 * Section G8: User security assurance. The Panel procures the User Independent Security Assurance
 * Service Provider ("the assessor" below); Users cooperate, answer reports and fix findings; the SSC
 * and the Panel decide on responses and status. The repeating assessment cycle (G8.40–G8.50) is owed
 * by the party being assessed, with the cycle chosen by what kind of party it is and how many premises
 * it serves (the conditions say which).
 */
export const g8: readonly CatalogueEntry[] = [
  {
    clause: "G8.1",
    kind: "duty",
    summary:
      "The Panel must buy in security assurance services covering G8.3 from a provider that is qualified (G8.4), independent (G8.7) and has enough capacity (G8.11).",
    bearers: ["panel"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: [
      "assurance services contract and its scope",
      "evaluation of the provider's accreditation and lead auditors",
      "independence and capacity assessment at award",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.2",
    kind: "permission",
    summary: "The Panel may split the assessor's role between several providers.",
    actors: ["panel"],
    since: firstVersion,
  },
  {
    clause: "G8.3",
    kind: "duty",
    summary:
      "The assessor runs User Security Assessments and writes their reports, considers responses and does follow-ups for the SSC, does extra compliance checks when the SSC asks (notably after a material rise in risk), reviews self-assessments, and advises the SSC, the Panel (on remedial plans) and SSC meetings.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: [
      "schedule of assessments carried out",
      "issued assessment reports and self-assessment reviews",
      "advice given at the SSC's or Panel's request",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.4",
    kind: "definition",
    summary: "The assessor counts as suitably qualified only if it meets both G8.5 and G8.6.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.5",
    kind: "definition",
    summary:
      "Qualification, part one: UKAS accreditation to audit and certify ISMSs against ISO/IEC 27001 (or its successor), or another credential the SSC judges as good.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.6",
    kind: "definition",
    summary:
      "Qualification, part two: its lead auditors on every G8 assessment are consultants certified at senior level as risk advisors or IA auditors under an SSC-approved scheme recognised by NCSC, the UK Cyber Security Council or UKAS.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.7",
    kind: "definition",
    summary: "The assessor counts as suitably independent only if it meets both G8.9 and G8.10.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.8",
    kind: "definition",
    summary:
      "Relevant Party: any Party the assessor works on under G8. Relevant Service Provider: a supplier from which such a Party gets capability used to meet its G3–G6 User duties.",
    since: firstVersion,
  },
  {
    clause: "G8.9",
    kind: "definition",
    summary:
      "Independence, part one: no ownership stake in the assessor by Relevant Parties, Relevant Service Providers or their subsidiaries, no directors of theirs sitting in or owning it, and no participating interest by the assessor in them.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.10",
    kind: "definition",
    summary:
      "Independence, part two: the assessor shows the Panel arrangements that keep its work independent of any past, present or future commercial tie with Relevant Parties or their providers, including being one itself.",
    actors: ["user-independent-assurance-provider", "panel"],
    since: firstVersion,
  },
  {
    clause: "G8.11",
    kind: "definition",
    summary: "Capacity: the assessor can meet the demand the Panel forecasts for the whole contract period.",
    actors: ["user-independent-assurance-provider", "panel"],
    since: firstVersion,
  },
  {
    clause: "G8.12",
    kind: "duty",
    summary: "The Panel answers for the assessor performing its G8 functions properly.",
    bearers: ["panel"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: ["contract performance reviews of the assessor", "SSC advice on the assessor's performance"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.13",
    kind: "duty",
    summary:
      "A User does whatever the SSC, or the assessor or anyone else acting for it, reasonably asks so that its compliance with G3–G6 or a CPA Certificate Remedial Plan can be assessed.",
    bearers: ["user"],
    trigger: { kind: "event", event: "request" },
    area: "assurance",
    evidence: ["log of assessment requests and replies", "named contact for assessors"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.14",
    kind: "duty",
    summary:
      "That cooperation includes handing over requested Data on time and in the format asked, letting assessors into relevant premises and to relevant staff at reasonable times, and helping the assessor with any G8 assessment.",
    bearers: ["user"],
    trigger: { kind: "event", event: "request" },
    area: "assurance",
    evidence: [
      "data requests answered with dates and formats",
      "site visit and interview records",
      "access arrangements for assessors",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.15",
    kind: "definition",
    summary: "There are four kinds of assessment: Full, Verification, Self-Assessment and Follow-up.",
    since: firstVersion,
  },
  {
    clause: "G8.16",
    kind: "definition",
    summary:
      "Full User Security Assessment: the assessor checks compliance with every G3–G6 duty in each of the User's roles.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.17",
    kind: "definition",
    summary:
      "Verification User Security Assessment: the assessor looks for any material rise in risk to the User's G5.14 scope since its last Full assessment.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.18",
    kind: "definition",
    summary:
      "User Security Self-Assessment: the User itself looks for any material rise in risk to its G5.14 scope since its last assessment, and the assessor reviews the result.",
    actors: ["user", "user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.19",
    kind: "definition",
    summary: "Follow-up Security Assessment: the assessor's check after an assessment, done under G8.29.",
    actors: ["user-independent-assurance-provider"],
    since: firstVersion,
  },
  {
    clause: "G8.20",
    kind: "interpretation",
    summary:
      "Verification and self-assessments look especially at changes to G5.14 systems, data, functions and processes, and at growth in the number of enrolled meters a supplier or network operator is responsible for.",
    affects: ["G8.17", "G8.18"],
    since: firstVersion,
  },
  {
    clause: "G8.21",
    kind: "duty",
    summary:
      "The assessor follows the assessment methodology for the category of each assessment it carries out.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: ["methodology version applied per assessment", "working papers mapped to the methodology"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.22",
    kind: "duty",
    summary:
      "After each assessment the assessor, talking it through with the User, writes a report of its findings: for a Full one every actual or possible G3–G6 breach with its evidence, for a Verification one every material rise in risk since the last Full one with its evidence.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "event", event: "other" },
    area: "assurance",
    evidence: [
      "User Security Assessment Report",
      "evidence behind each finding",
      "record of discussing the draft with the User",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.23",
    kind: "duty",
    summary: "The assessor sends each report to the SSC and to the User it concerns.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: ["dated transmittal of the report to the SSC", "dated transmittal of the report to the User"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.24",
    kind: "duty",
    summary:
      "On receiving its report, a User writes a response to the findings promptly, and by any SSC deadline, and sends it to the SSC and the assessor.",
    bearers: ["user"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: [
      "User Security Assessment Response",
      "proof of sending to the SSC and the assessor",
      "SSC deadline met",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.25",
    kind: "duty",
    summary:
      "If a Full report finds an actual or possible G3–G6 breach, or a Verification report finds a material rise in risk, the User's response must cover the G8.26 points.",
    bearers: ["user"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: [
      "response stating acceptance or reasons for disagreement",
      "remediation steps per finding",
      "timetable for outstanding steps",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.26",
    kind: "definition",
    summary:
      "The points a response must cover: whether the User agrees with the findings (and why not, if not), the remedial or mitigating steps taken or planned, and when the planned steps will happen.",
    actors: ["user"],
    since: firstVersion,
  },
  {
    clause: "G8.27",
    kind: "duty",
    summary:
      "When a response proposes steps, the SSC reviews it with the assessor's advice and either accepts the steps and timetable or tries to agree better ones with the User.",
    bearers: ["ssc"],
    trigger: { kind: "event", event: "report-received" },
    area: "assurance",
    evidence: ["assessor's advice on the response", "SSC decision notice or agreed alternative plan"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.28",
    kind: "duty",
    summary:
      "Once steps are accepted or agreed, the User carries them out on the agreed timetable and reports to the SSC on progress when asked, on completion, and on any missed step with the reason.",
    bearers: ["user"],
    trigger: { kind: "dated", by: "ssc" },
    area: "assurance",
    evidence: [
      "remediation plan with owners and dates",
      "progress reports sent to the SSC",
      "completion evidence per step",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.29",
    kind: "duty",
    summary:
      "When the SSC asks, and by its date, the assessor runs a Follow-up assessment checking whether the agreed steps were taken on time and any other points the SSC names.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "event", event: "request" },
    area: "assurance",
    evidence: ["SSC request for the follow-up", "Follow-up assessment report"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.30",
    kind: "duty",
    summary:
      "The assessor may, and must if the SSC directs, cover several of a User's roles in one assessment and credit its existing security certifications; where resources not supplied by a Shared Resource Provider are shared between Users, it reuses what it learned about them in one User's assessment for the others.",
    bearers: ["user-independent-assurance-provider"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: [
      "scoping decision for multi-role assessments",
      "certifications relied on",
      "cross-references between shared-resource assessments",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.31",
    kind: "interpretation",
    summary:
      "G8.33–G8.39 are the security requirements a Party must meet in the User Entry Process (H1.10(c)).",
    affects: ["H1.10(c)"],
    since: firstVersion,
  },
  {
    clause: "G8.32",
    kind: "interpretation",
    summary:
      "For the entry process, references to a User in G3–G6 and earlier in G8 also cover a Party that is applying to become a User in any role.",
    affects: ["G8.33", "G8.34", "G8.35", "G8.36", "G8.37", "G8.38", "G8.39"],
    since: firstVersion,
  },
  {
    clause: "G8.33",
    kind: "duty",
    summary:
      "To complete User Entry for a role, a Party must undergo a Full User Security Assessment for that role.",
    bearers: ["party"],
    trigger: { kind: "event", event: "other" },
    area: "assurance",
    evidence: [
      "initial Full assessment report for the role",
      "assessment response",
      "User Entry Process application",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.34",
    kind: "duty",
    summary:
      "After the initial Full assessment the SSC makes sure the Panel gets both the report and the response.",
    bearers: ["ssc"],
    trigger: { kind: "event", event: "assessment-report" },
    area: "assurance",
    evidence: ["Panel papers containing the report and response", "date the papers reached the Panel"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.35",
    kind: "duty",
    summary:
      "On receiving them the Panel considers both without delay and, taking the SSC's advice into account, sets the Party's assurance status for its G3–G6 duties in that role.",
    bearers: ["panel"],
    trigger: { kind: "event", event: "report-received" },
    area: "assurance",
    evidence: ["Panel minutes setting the status", "SSC advice considered"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.36",
    kind: "procedure",
    summary:
      "The status is one of: approved; approved on condition of taking the proposed steps (and, if the Panel says, passing a Follow-up by its date); deferred until the steps are taken and a Follow-up satisfies the Panel; or rejected, in which case the Party has a second Full assessment on the issues the Panel names and the Panel decides again.",
    actors: ["panel", "party"],
    since: firstVersion,
  },
  {
    clause: "G8.37",
    kind: "duty",
    summary:
      "A Party passes the security part of User Entry once it is approved (outright or conditionally), or deferred with the conditions then met, and the Panel tells the Code Administrator soon after either.",
    bearers: ["panel"],
    trigger: { kind: "event", event: "other" },
    area: "assurance",
    evidence: [
      "notice from the Panel to the Code Administrator",
      "date the status was set or conditions met",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.38",
    kind: "duty",
    summary: "A Party approved on conditions carries out the steps its approval depends on.",
    bearers: ["party"],
    trigger: { kind: "dated", by: "panel" },
    area: "assurance",
    evidence: [
      "conditions attached to the approval",
      "completion evidence for each step",
      "Follow-up report where the Panel required one",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.39",
    kind: "permission",
    summary:
      "A Party may appeal the Panel's status decision about it to the Authority, whose ruling is final.",
    actors: ["party", "authority"],
    since: firstVersion,
  },
  {
    clause: "G8.40",
    kind: "duty",
    summary:
      "Within 12 months of its initial Full assessment (counted from the Panel's approved or conditionally approved status, or from the Follow-up if there was one) a User books its next assessment, of the kind G8.41–G8.47 set.",
    bearers: ["user"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: ["date of the initial assurance status", "booking with the assessor within 12 months"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.41",
    kind: "duty",
    summary:
      "A large supplier (over 250,000 domestic or 50,000 non-domestic premises on its smart meters, or 5 × non-domestic + domestic over 250,000) has a Full assessment each time, booking the next within 12 months of the last.",
    bearers: ["supplier-party"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "premises counts at the time the category was set",
      "Full assessment bookings at most 12 months apart",
    ],
    standards: [],
    conditions: ["large-supplier"],
    since: firstVersion,
  },
  {
    clause: "G8.42",
    kind: "duty",
    summary:
      "Any other supplier with smart-metered premises starts with a Verification assessment, then rotates: self-assessment within 12 months of a Verification, Full within 12 months of a self-assessment, Verification within 12 months of a Full.",
    bearers: ["supplier-party"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "premises counts at the time the category was set",
      "assessment history showing the rotation",
      "bookings with the assessor",
    ],
    standards: [],
    conditions: ["smaller-supplier"],
    since: firstVersion,
  },
  {
    clause: "G8.43",
    kind: "interpretation",
    summary:
      "When a supplier shares resources with another User without a Shared Resource Provider, the other User's premises count towards its G8.41–G8.42 totals.",
    affects: ["G8.41", "G8.42"],
    since: firstVersion,
  },
  {
    clause: "G8.44",
    kind: "duty",
    summary:
      "A network operator with over 250,000 domestic premises on its smart meters starts with a Verification assessment, then books a second Verification within 12 months, a Full within 12 months of every second successive Verification, and a Verification within 12 months of each Full.",
    bearers: ["network-party"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "domestic premises count at the time the category was set",
      "assessment history showing the rotation",
      "bookings with the assessor",
    ],
    standards: [],
    conditions: ["large-network"],
    since: firstVersion,
  },
  {
    clause: "G8.45",
    kind: "duty",
    summary:
      "A network operator with 250,000 or fewer domestic premises starts with a Verification assessment, then rotates: self-assessment within 12 months of a Verification, Full within 12 months of a self-assessment, Verification within 12 months of a Full.",
    bearers: ["network-party"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "domestic premises count at the time the category was set",
      "assessment history showing the rotation",
      "bookings with the assessor",
    ],
    standards: [],
    conditions: ["smaller-network"],
    since: firstVersion,
  },
  {
    clause: "G8.46",
    kind: "interpretation",
    summary:
      "When a network operator shares resources with another User, that User's domestic premises as Distributor or Transporter count towards its G8.44–G8.45 total.",
    affects: ["G8.44", "G8.45"],
    since: firstVersion,
  },
  {
    clause: "G8.47",
    kind: "duty",
    summary:
      "A User that is neither a supplier nor a network operator starts with a Verification assessment, then rotates: self-assessment within 12 months of it, Full within 12 months of the self-assessment, Verification within 12 months of each Full.",
    bearers: ["user"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: ["assessment history showing the rotation", "bookings with the assessor"],
    standards: [],
    conditions: ["neither-supplier-nor-network"],
    since: firstVersion,
  },
  {
    clause: "G8.48",
    kind: "interpretation",
    summary:
      "G8.49 governs how premises are counted whenever G8.41–G8.46 need a supplier's or network operator's total.",
    affects: ["G8.49"],
    since: firstVersion,
  },
  {
    clause: "G8.49",
    kind: "duty",
    summary:
      "The premises count is taken when the category of each yearly assessment is fixed, and the DCC gives the User or the SSC reasonable help to work it out when asked.",
    bearers: ["dcc"],
    trigger: { kind: "event", event: "request" },
    area: "assurance",
    evidence: [
      "requests for premises counts and the DCC's replies",
      "count figures supplied with their as-at date",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.50",
    kind: "duty",
    summary:
      "In a self-assessment year the User carries it out under the self-assessment methodology, writes up the result and sends it to the assessor for review no later than 12 months after its previous assessment or self-assessment, whichever is later.",
    bearers: ["user"],
    trigger: { kind: "periodic", every: "cycle" },
    area: "assurance",
    evidence: [
      "documented self-assessment",
      "submission to the assessor with date",
      "assessor's review outcome",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.51",
    kind: "duty",
    summary:
      "A User pays the DCC the Charges for its assessments, follow-ups, reports and other assessor work done on it.",
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "assurance",
    evidence: ["Explicit Charges invoices", "payment records"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.52",
    kind: "interpretation",
    summary: "Spending on User assessments is a Recoverable Cost under the Panel budget rules of C8.",
    affects: ["G8.51"],
    since: firstVersion,
  },
  {
    clause: "G8.53",
    kind: "duty",
    summary:
      "At times it chooses after consulting the DCC, the Panel tells the DCC how much assessment spending falls to each User (for Explicit Charges) and how much cannot be assigned to any one User.",
    bearers: ["panel"],
    trigger: { kind: "dated", by: "panel" },
    area: "assurance",
    evidence: ["expenditure notices sent to the DCC", "per-User cost attribution"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.54",
    kind: "interpretation",
    summary:
      "For a material breach of G3–G6, the Event of Default rules M8.2–M8.4 apply as adjusted by G8.55–G8.60.",
    affects: ["M8.2", "M8.3", "M8.4"],
    since: firstVersion,
  },
  {
    clause: "G8.55",
    kind: "duty",
    summary: "When the Panel is told of a User's material breach of G3–G6, it passes the matter to the SSC.",
    bearers: ["panel"],
    trigger: { kind: "event", event: "report-received" },
    area: "assurance",
    evidence: ["breach notification received", "referral to the SSC"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.56",
    kind: "permission",
    summary: "The SSC may investigate a referred breach, standing in for the Panel under M8.3.",
    actors: ["ssc"],
    since: firstVersion,
  },
  {
    clause: "G8.57",
    kind: "duty",
    summary:
      "After its own investigation, or an assessor's report finding actual or possible G3–G6 non-compliance, the SSC weighs the information and sends any actual non-compliance to the Panel to decide whether it is an Event of Default.",
    bearers: ["ssc"],
    trigger: { kind: "event", event: "report-received" },
    area: "assurance",
    evidence: ["SSC consideration minutes", "referral to the Panel"],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.58",
    kind: "duty",
    summary:
      "Having found an Event of Default, the Panel notifies the User and any Party it thinks was affected, and decides the steps to take under M8.4.",
    bearers: ["panel"],
    trigger: { kind: "event", event: "other" },
    area: "assurance",
    evidence: [
      "Event of Default determination",
      "notices to the User and affected Parties",
      "decision on M8.4 steps",
    ],
    standards: [],
    since: firstVersion,
  },
  {
    clause: "G8.59",
    kind: "permission",
    summary: "The Panel may ask for and weigh the SSC's advice when choosing M8.4 steps.",
    actors: ["panel", "ssc"],
    since: firstVersion,
  },
  {
    clause: "G8.60",
    kind: "procedure",
    summary:
      "A remedial action plan required under M8.4(d) needs the Panel's approval, given with regard to any SSC advice.",
    actors: ["panel", "ssc"],
    since: firstVersion,
  },
  {
    clause: "G8.61",
    kind: "interpretation",
    summary: "G8.62 applies when a Shared Resource Provider serves a User and has itself been assessed.",
    affects: ["G8.62"],
    since: firstVersion,
  },
  {
    clause: "G8.62",
    kind: "interpretation",
    summary:
      "The provider's assessment outcome, including the G8.22–G8.29 steps, carries over to each User it serves for those resources, and the assessor relies on the provider's latest assessment instead of repeating it when assessing the User.",
    affects: ["G8.22", "G8.23", "G8.24", "G8.25", "G8.26", "G8.27", "G8.28", "G8.29"],
    since: firstVersion,
  },
  {
    clause: "G8.63",
    kind: "interpretation",
    summary:
      "A Shared Resource Provider follows the assessment cycle of the Users it serves: the supplier cycle (G8.41–G8.42) counting its supplier customers' meters, the network cycle (G8.44–G8.46) counting its network customers' meters, and the G8.47 cycle for Other Users.",
    affects: ["G8.40", "G8.41", "G8.42", "G8.44", "G8.45", "G8.46", "G8.47"],
    since: firstVersion,
  },
  {
    clause: "G8.64",
    kind: "duty",
    summary:
      "A Supplier Party keeps, and reviews from time to time, a policy for drawing up and complying with CPA Certificate Remedial Plans.",
    bearers: ["supplier-party"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: [
      "CPA Certificate Remedial Plan policy",
      "dated policy reviews",
      "plans raised under the policy",
    ],
    standards: ["ncsc-cpa"],
    since: firstVersion,
  },
];
