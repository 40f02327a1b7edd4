import type { CatalogueEntry, Trigger } from "./types.js";
import { firstVersion } from "./versions.js";

const standing: Trigger = { kind: "standing" };
const onRequest: Trigger = { kind: "event", event: "request" };
const onReport: Trigger = { kind: "event", event: "assessment-report" };
const onOther: Trigger = { kind: "event", event: "other" };

/**
 * Section G9: independent security assurance of the DCC. Known only from the current text (seed 001),
 * so every entry holds from the first version. Some of the text's own cross-references look off
 * (G9.8, G9.12, G9.17, G9.26, G9.31, G9.34–G9.38): the summaries keep a reference as written, noting
 * the oddity where it changes the reading, rather than guessing what was meant.
 */
export const g9: readonly CatalogueEntry[] = [
  {
    clause: "G9.1",
    kind: "duty",
    summary:
      "The DCC sets up, runs, keeps and complies with DCC Independent Security Assessment Arrangements through which it engages a DCC Independent Security Assessment Service Provider.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: standing,
    area: "assurance",
    evidence: ["documented assessment arrangements", "contract with the assessment service provider"],
    standards: [],
  },
  {
    clause: "G9.2",
    kind: "definition",
    summary:
      "Scope of the assessor's services: DCC Security Assessments and reports; validating DCC responses and follow-ups for the SSC; on SSC request, compliance checks against Licence Condition 8, G2 and G4–G6 or a CPA Certificate Remedial Plan when risk rises or the SSC sees fit; advice to the SSC on compliance, G5 risk changes and Event of Default remedial plans; attending SSC meetings when the Chair asks; and other G9 or SSC/Panel-specified work.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider", "ssc"],
  },
  {
    clause: "G9.3",
    kind: "duty",
    summary:
      "The DCC procures the assessor's services and makes it assess yearly, on any material change to the DCC Total System and whenever the SSC or Panel says; it follows the SSC's Security Controls Framework, has each report produced and sent to the SSC, writes a response to each, and gives the Panel and SSC the response and then a report on carrying out any action plan the SSC requires.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "assurance",
    evidence: [
      "assessment schedule with annual and change-driven assessments",
      "DCC Security Assessment Reports and Responses",
      "action plan implementation reports to the Panel and SSC",
    ],
    standards: ["ssc-security-controls-framework"],
  },
  {
    clause: "G9.4",
    kind: "duty",
    summary:
      "The DCC appoints as its independent assessor only a provider that offers the G9.2 scope and is both suitably qualified (G9.5) and suitably independent (G9.8).",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: standing,
    area: "assurance",
    evidence: [
      "appointment record and contract scope",
      "provider's UKAS accreditation or SSC-accepted equivalent",
      "consultant certifications",
      "independence declarations",
    ],
    standards: ["iso-27001", "ncsc-certified-professional"],
  },
  {
    clause: "G9.5",
    kind: "definition",
    summary: "The assessor counts as suitably qualified only if it meets both G9.6 and G9.7.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.6",
    kind: "definition",
    summary:
      "First qualification test: UKAS accreditation to audit and certify ISMSs against ISO/IEC 27001 (or its successor), or another credential the SSC judges substantially equivalent.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider", "ssc"],
  },
  {
    clause: "G9.7",
    kind: "definition",
    summary:
      "Second qualification test: its lead auditors for every assessment are consultants certified under an SSC-approved scheme recognised by NCSC, the UK Cyber Security Council or UKAS, at Chartered, Principal, Lead or Senior Practitioner level as a Security and Information Risk Advisor or Information Assurance Auditor.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider", "ssc"],
  },
  {
    clause: "G9.8",
    kind: "definition",
    summary:
      "The assessor counts as suitably independent only if it meets the tests the clause points to (G9.9 and G9.10 as written; G9.11 carries a further test).",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.9",
    kind: "definition",
    summary:
      "Independence means the DCC is independent of the assessor in G9 work, and every DCC Service Provider is independent of it when it assesses the DCC against G2, G4–G6, Licence Condition 8 and Appendix Z sections 6 and 7.",
    since: firstVersion,
    actors: ["dcc", "dcc-service-provider", "dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.10",
    kind: "definition",
    summary:
      "Ownership test: no financial stake in the assessor held by the DCC, a DCC Service Provider or their subsidiaries; none of their directors is a director, employee or investor of it; and the assessor holds no participating interest in the DCC or its service providers.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.11",
    kind: "definition",
    summary:
      "Conduct test: the assessor shows the SSC it has arrangements to act independently of any past, present or future commercial tie with the DCC or its service providers, including being one of them.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider", "ssc"],
  },
  {
    clause: "G9.12",
    kind: "duty",
    summary:
      "The SSC tells the DCC of any poor performance or breach of Code obligations by the assessor, so the DCC can make it do its job properly.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onOther,
    area: "assurance",
    evidence: ["SSC notices to the DCC about the assessor", "SSC minutes"],
    standards: [],
  },
  {
    clause: "G9.13",
    kind: "duty",
    summary:
      "The DCC does whatever the SSC, or anyone acting for it such as the assessor, reasonably asks to help assess its compliance with G2, G4–G6, Licence Condition 8, Appendix Z (sections 6–7) and any CPA Certificate Remedial Plan.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: onRequest,
    area: "assurance",
    evidence: ["request and response log with the SSC and assessor", "evidence packs supplied"],
    standards: [],
  },
  {
    clause: "G9.14",
    kind: "duty",
    summary:
      "For that purpose the DCC gives the assessor the Data it reasonably asks for, when and in the format asked, access at reasonable times to relevant premises (its own and its service providers') and people, and any other reasonable cooperation.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: onRequest,
    area: "assurance",
    evidence: [
      "data requests and delivery records",
      "site access logs for the assessor",
      "interview schedules",
    ],
    standards: [],
  },
  {
    clause: "G9.15",
    kind: "definition",
    summary: "There are two kinds of DCC Security Assessment: Full and Follow-up.",
    since: firstVersion,
  },
  {
    clause: "G9.16",
    kind: "definition",
    summary:
      "A Full DCC Security Assessment: the assessor examines the DCC and its service providers for compliance with each duty in G2, G4–G6, Licence Condition 8 and Appendix Z sections 6 and 7.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.17",
    kind: "definition",
    summary:
      "A Follow-up DCC Security Assessment: one the assessor carries out after an assessment, as G9.25 provides.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.18",
    kind: "duty",
    summary:
      "The assessor runs every DCC Security Assessment by the Security Controls Framework developed under G7.19(a).",
    since: firstVersion,
    bearers: ["dcc-independent-assurance-provider"],
    trigger: standing,
    area: "assurance",
    evidence: ["assessment plan mapped to the Security Controls Framework", "working papers"],
    standards: ["ssc-security-controls-framework"],
  },
  {
    clause: "G9.19",
    kind: "duty",
    summary:
      "After each assessment the assessor, having discussed it with the DCC, writes a DCC Security Assessment Report giving its findings, any actual or potential breach of G2, G4–G6, Licence Condition 8 or Appendix Z sections 6 and 7, and the evidence for each.",
    since: firstVersion,
    bearers: ["dcc-independent-assurance-provider"],
    trigger: onOther,
    area: "assurance",
    evidence: ["DCC Security Assessment Report", "evidence references for each finding"],
    standards: [],
  },
  {
    clause: "G9.20",
    kind: "duty",
    summary: "The assessor sends each report to the SSC and to the DCC.",
    since: firstVersion,
    bearers: ["dcc-independent-assurance-provider"],
    trigger: onOther,
    area: "assurance",
    evidence: ["report transmittal records to the SSC", "DCC acknowledgement of receipt"],
    standards: [],
  },
  {
    clause: "G9.21",
    kind: "duty",
    summary:
      "On receiving a report about it, the DCC writes a DCC Security Assessment Response addressing the findings and sends it to the SSC and the assessor, as soon as reasonably practicable and by any date the SSC sets.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: onReport,
    area: "assurance",
    evidence: ["DCC Security Assessment Response", "submission dates against the SSC deadline"],
    standards: [],
  },
  {
    clause: "G9.22",
    kind: "duty",
    summary:
      "When a Full assessment report finds actual or potential breaches of G2, G4–G6, Licence Condition 8 or Appendix Z sections 6 and 7, the DCC's response must cover the G9.23 matters.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: onReport,
    area: "assurance",
    evidence: ["response sections addressing each finding", "remediation steps with a timetable"],
    standards: [],
  },
  {
    clause: "G9.23",
    kind: "definition",
    summary:
      "Those matters: whether the DCC accepts each finding (and why not, if not), what it has done or will do to remedy or mitigate, and a timetable for what is outstanding.",
    since: firstVersion,
    actors: ["dcc"],
  },
  {
    clause: "G9.24",
    kind: "duty",
    summary:
      "Where the response proposes steps, the SSC reviews it with the assessor's advice and either accepts the steps and timetable or tries to agree better ones with the DCC.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: { kind: "event", event: "report-received" },
    area: "assurance",
    evidence: ["SSC review record", "acceptance notice or agreed alternative plan"],
    standards: [],
  },
  {
    clause: "G9.25",
    kind: "duty",
    summary:
      "Once steps are accepted or agreed, the DCC carries them out on time and reports to the SSC on progress at the intervals it sets, on completion, and on any failure with reasons.",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: { kind: "dated", by: "ssc" },
    area: "assurance",
    evidence: ["remediation plan tracker", "progress reports to the SSC", "completion and exception reports"],
    standards: [],
  },
  {
    clause: "G9.26",
    kind: "duty",
    summary:
      "When steps in a response are accepted or agreed (the text says 'User' here), the assessor, if the SSC asks and by its date, runs a Follow-up Security Assessment of the DCC on whether the steps were taken on time and on other matters the SSC names.",
    since: firstVersion,
    bearers: ["dcc-independent-assurance-provider"],
    trigger: onRequest,
    area: "assurance",
    evidence: ["SSC follow-up request", "Follow-up assessment report"],
    standards: [],
  },
  {
    clause: "G9.27",
    kind: "permission",
    summary:
      "The assessor may take account of relevant security accreditations or certifications the DCC holds.",
    since: firstVersion,
    actors: ["dcc-independent-assurance-provider"],
  },
  {
    clause: "G9.28",
    kind: "duty",
    summary: "After a Full DCC Security Assessment the SSC considers the report and the DCC's response.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onReport,
    area: "assurance",
    evidence: ["SSC agenda listing the report and response", "SSC minutes recording their consideration"],
    standards: [],
  },
  {
    clause: "G9.29",
    kind: "duty",
    summary:
      "The SSC works out whether non-compliances with G2, G4–G6, Licence Condition 8 or Appendix Z sections 6 and 7 remain, and records either that none do or which ones must be dealt with.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onReport,
    area: "assurance",
    evidence: ["SSC compliance status record", "list of remaining non-compliances"],
    standards: [],
  },
  {
    clause: "G9.30",
    kind: "duty",
    summary:
      "If non-compliances remain, the SSC either requires the DCC to take steps under G9.24 or requires a Follow-up Security Assessment under G9.26.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onOther,
    area: "assurance",
    evidence: ["SSC decision minutes", "notice to the DCC of required steps or follow-up"],
    standards: [],
  },
  {
    clause: "G9.31",
    kind: "duty",
    summary:
      "If non-compliances remain, the SSC notifies the Panel (the clause cites G9.37(b), a paragraph this text does not have).",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onOther,
    area: "assurance",
    evidence: ["SSC notification to the Panel", "list of remaining non-compliances sent"],
    standards: [],
  },
  {
    clause: "G9.32",
    kind: "duty",
    summary:
      "The DCC keeps, and reviews from time to time, a policy for drawing up and complying with CPA Certificate Remedial Plans; the assessor checks the DCC against Appendix Z sections 6 and 7.",
    since: firstVersion,
    bearers: ["dcc", "dcc-independent-assurance-provider"],
    trigger: standing,
    area: "assurance",
    evidence: ["CPA Certificate Remedial Plan policy and review history", "assessor's Appendix Z findings"],
    standards: ["ncsc-cpa"],
  },
  {
    clause: "G9.33",
    kind: "procedure",
    summary:
      "The DCC can appeal SSC decisions under G9.28–G9.31 to the Panel, and Panel decisions to the Authority, whose ruling is final.",
    since: firstVersion,
    actors: ["dcc", "panel", "authority"],
  },
  {
    clause: "G9.34",
    kind: "interpretation",
    summary:
      "For an Event of Default that is a material breach by the DCC of the duties G9.2(c) refers to, M8.2–M8.4 apply as adjusted by G9.35–G9.41.",
    since: firstVersion,
    actors: ["dcc"],
    affects: ["M8.2", "M8.3", "M8.4"],
  },
  {
    clause: "G9.35",
    kind: "interpretation",
    summary:
      "For those purposes the DCC is deemed in default when in material breach of the duties G9.2(d) refers to, and M8.4(e), (f) and (g) never apply to it.",
    since: firstVersion,
    actors: ["dcc"],
    affects: ["M8.2", "M8.3", "M8.4"],
  },
  {
    clause: "G9.36",
    kind: "duty",
    summary:
      "When the Panel is notified under M8.2 that the DCC is in material breach of the duties G9.2(d) refers to, it passes the matter to the SSC.",
    since: firstVersion,
    bearers: ["panel"],
    trigger: onOther,
    area: "assurance",
    evidence: ["M8.2 breach notification received", "Panel referral to the SSC"],
    standards: [],
  },
  {
    clause: "G9.37",
    kind: "permission",
    summary: "On such a referral the SSC may investigate under M8.3, standing in for the Panel.",
    since: firstVersion,
    actors: ["ssc"],
  },
  {
    clause: "G9.38",
    kind: "duty",
    summary:
      "After an M8.3 investigation, or on a report finding actual or potential breach of the duties G9.2(c) refers to, the SSC weighs the information and, if it finds actual breach, refers it to the Panel to decide whether it is an Event of Default.",
    since: firstVersion,
    bearers: ["ssc"],
    trigger: onReport,
    area: "assurance",
    evidence: ["SSC consideration record", "referral to the Panel"],
    standards: [],
  },
  {
    clause: "G9.39",
    kind: "duty",
    summary:
      "If the Panel finds an Event of Default it notifies the DCC and any Party it thinks may be affected, and decides the steps to take under M8.4.",
    since: firstVersion,
    bearers: ["panel"],
    trigger: onOther,
    area: "assurance",
    evidence: ["Panel determination", "notices to the DCC and affected Parties"],
    standards: [],
  },
  {
    clause: "G9.40",
    kind: "permission",
    summary: "In choosing M8.4 steps the Panel may ask for and weigh the SSC's advice.",
    since: firstVersion,
    actors: ["panel"],
  },
  {
    clause: "G9.41",
    kind: "procedure",
    summary:
      "A remedial action plan the DCC must follow under M8.4(d) needs the Panel's approval, given with regard to any SSC advice.",
    since: firstVersion,
    actors: ["panel", "dcc"],
  },
  {
    clause: "G9.42",
    kind: "duty",
    summary:
      "The DCC keeps, and reviews from time to time, a policy for drawing up and complying with CPA Certificate Remedial Plans (repeating the first limb of G9.32).",
    since: firstVersion,
    bearers: ["dcc"],
    trigger: standing,
    area: "assurance",
    evidence: ["CPA Certificate Remedial Plan policy", "policy review records"],
    standards: ["ncsc-cpa"],
  },
];
