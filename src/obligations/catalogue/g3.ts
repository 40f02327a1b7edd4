import type { CatalogueEntry } from "./types.js";
import { firstVersion } from "./versions.js";

/** Section G3: the system security duties of Users (and of Supplier Parties as such). */
export const g3: readonly CatalogueEntry[] = [
  {
    clause: "G3.1",
    kind: "duty",
    summary:
      "Take reasonable steps so User Systems notice any drift from their expected configuration and the " +
      "drift gets corrected, keeping a current inventory of hardware and of software and firmware versions " +
      "and patches.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "configuration baseline and drift alerts",
      "hardware and software inventory with patch levels",
      "records of drift corrected",
    ],
    standards: [],
  },
  {
    clause: "G3.2",
    kind: "duty",
    summary:
      "Take reasonable steps so User Systems spot unauthorised software (and attempts to install or run " +
      "it), block it, and clean up where it did get installed or run.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "application allow-listing or anti-malware configuration",
      "blocked-execution logs",
      "remediation tickets",
    ],
    standards: [],
  },
  {
    clause: "G3.3",
    kind: "duty",
    summary:
      "User Systems must log every attempt to reach their resources or Data, detect attempts made without " +
      "authorisation, and (with reasonable steps) stop them.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "access log configuration and samples",
      "alerts on unauthorised access attempts",
      "access control settings",
    ],
    standards: [],
  },
  {
    clause: "G3.4",
    kind: "duty",
    summary: "When an event of the G3.1–G3.3 kind is detected, follow every step the User ISMS prescribes.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "event", event: "other" },
    area: "system",
    evidence: ["incident procedure in the ISMS", "incident records showing the steps taken"],
    standards: [],
  },
  {
    clause: "G3.5",
    kind: "duty",
    summary:
      "Make sure the Panel and the SSC hear promptly of any Major Security Incident in the User Systems.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "event", event: "major-security-incident" },
    area: "system",
    evidence: [
      "incident notification procedure",
      "copies of notifications to the Panel and SSC with timestamps",
    ],
    standards: [],
  },
  {
    clause: "G3.6",
    kind: "duty",
    summary:
      "Build protection against Compromise into User Systems at every stage of their development lifecycle.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "secure development lifecycle policy",
      "design reviews and threat models",
      "security sign-off at release",
    ],
    standards: [],
  },
  {
    clause: "G3.7",
    kind: "duty",
    summary:
      "Have a CREST-certified tester or a CHECK provider test User Systems for vulnerabilities every year, " +
      "before any new or materially changed component goes live, and after any Major Security Incident.",
    since: firstVersion,
    bearers: ["supplier-party"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "system",
    evidence: [
      "penetration test reports with dates and scope",
      "tester's CREST or CHECK credentials",
      "pre-go-live test records",
    ],
    standards: ["crest", "cesg-check"],
  },
  {
    clause: "G3.8",
    kind: "duty",
    summary:
      "Run vulnerability assessments of User Systems yearly, before new or materially changed components go " +
      "live, and after any Major Security Incident.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "periodic", every: "P1Y" },
    area: "system",
    evidence: [
      "vulnerability assessment reports",
      "schedule of annual assessments",
      "pre-go-live assessment records",
    ],
    standards: [],
  },
  {
    clause: "G3.9",
    kind: "duty",
    summary:
      "Tell the SSC about any System new to the User Systems and wait for its authorisation before going " +
      "live; after an assessment finds a material vulnerability, fix or mitigate it and tell the SSC the plan; " +
      "notify the SSC before retiring a material component or a User System and follow its reasonable advice.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "event", event: "new-system" },
    area: "system",
    evidence: [
      "SSC notifications and authorisations",
      "vulnerability remediation plans sent to the SSC",
      "decommissioning notices",
    ],
    standards: [],
  },
  {
    clause: "G3.10",
    kind: "duty",
    summary:
      "Keep a User Data Retention Policy and hold Data by it; once Data fall outside it, delete them securely " +
      "as the Information Classification Scheme requires.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["data retention policy", "secure deletion records", "information classification scheme"],
    standards: [],
  },
  {
    clause: "G3.11",
    kind: "duty",
    summary:
      "Take reasonable steps to keep security software and firmware Separated from everything else on User Systems.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["architecture showing separation of security tooling", "network or host segregation settings"],
    standards: [],
  },
  {
    clause: "G3.12",
    kind: "duty",
    summary:
      "Only people who meet G3.13 may build, customise, configure, run, maintain or retire any part of the " +
      "User Systems.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "organisational",
    evidence: ["register of people working on User Systems", "checks against DCC Live Systems engagements"],
    standards: [],
  },
  {
    clause: "G3.13",
    kind: "interpretation",
    summary:
      "A person meets the G3.12 test only if not working on the DCC Live Systems at the same time and not " +
      "for a cooling-off period the User judges right under its ISMS risk management.",
    since: firstVersion,
    actors: ["user"],
    affects: ["G3.12"],
  },
  {
    clause: "G3.14",
    kind: "duty",
    summary: "No resource of the User Systems may also be part of the DCC Live Systems.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "asset register showing no shared components with DCC Live Systems",
      "hosting and network diagrams",
    ],
    standards: [],
  },
  {
    clause: "G3.15",
    kind: "duty",
    summary:
      "Take reasonable steps so User Systems can detect Anomalous Events, looking in particular at the " +
      "messages exchanged with the DCC and at the audit logs and error messages of Devices it supplies.",
    since: firstVersion,
    bearers: ["supplier-party"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["anomaly detection rules and sources", "Device audit log and error message collection"],
    standards: [],
  },
  {
    clause: "G3.16",
    kind: "duty",
    summary:
      "Take reasonable steps to detect every Anomalous Event in User Systems, and respond to each detected " +
      "one as the User ISMS requires.",
    since: firstVersion,
    bearers: ["supplier-party"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["monitoring coverage report", "anomalous event tickets and responses"],
    standards: [],
  },
  {
    clause: "G3.17",
    kind: "duty",
    summary:
      "On learning of a material security weakness in its User Systems' hardware, software or firmware, or " +
      "(where it is Responsible Supplier) in a Smart Metering System other than a SMETS2+ Communications Hub " +
      "or Gas Proxy Function, act as G3.18 requires.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "event", event: "vulnerability-found" },
    area: "system",
    evidence: ["vulnerability intake records", "link from each finding to the G3.18 steps"],
    standards: [],
    paragraphs: [
      { id: "G3.17(a)", summary: "Weaknesses in its own User Systems' hardware, software and firmware." },
      {
        id: "G3.17(b)",
        summary:
          "Weaknesses in metering systems it is Responsible Supplier for, SMETS2+ CHF and GPF excepted.",
        conditions: ["responsible-supplier"],
      },
    ],
  },
  {
    clause: "G3.18",
    kind: "duty",
    summary:
      "When G3.17 is triggered: tell the manufacturer or developer where practicable, take reasonable steps " +
      "to fix or mitigate the cause quickly, and promptly tell the SSC what is being done and by when.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "event", event: "vulnerability-found" },
    area: "system",
    evidence: ["notices to manufacturers or developers", "remediation plan with dates", "SSC notification"],
    standards: [],
  },
  {
    clause: "G3.19",
    kind: "relief",
    summary: "No need to tell a manufacturer or developer that the User has reason to believe already knows.",
    since: firstVersion,
    actors: ["user"],
    affects: ["G3.18(a)"],
  },
  {
    clause: "G3.20",
    kind: "duty",
    summary:
      "Where practicable, agree with the makers of its User Systems' components, and of the metering systems " +
      "it is Responsible Supplier for, that they will warn it of material security weaknesses; every " +
      "Communications Hub and Gas Proxy Function is left out, so nothing is owed for SMETS1 ones.",
    since: firstVersion,
    until: "sec-dp087",
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["vulnerability notification clauses in supplier contracts", "list of manufacturers covered"],
    standards: [],
    paragraphs: [
      { id: "G3.20(a)", summary: "Makers of the hardware, software and firmware in its User Systems." },
      {
        id: "G3.20(b)",
        summary:
          "Makers of metering systems it is Responsible Supplier for, no Communications Hub or GPF included.",
        conditions: ["responsible-supplier"],
      },
    ],
  },
  {
    clause: "G3.20",
    kind: "duty",
    summary:
      "Where practicable, agree with the makers of its User Systems' components, and of the metering systems " +
      "it is Responsible Supplier for, that they will warn it of material security weaknesses; only SMETS2+ " +
      "Communications Hub and Gas Proxy Functions are left out, so SMETS1 ones are the User's to cover (DP087).",
    since: "sec-dp087",
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "vulnerability notification clauses in supplier contracts",
      "coverage of SMETS1 hub and GPF makers",
    ],
    standards: [],
    paragraphs: [
      { id: "G3.20(a)", summary: "Makers of the hardware, software and firmware in its User Systems." },
      {
        id: "G3.20(b)",
        summary: "Makers of metering systems it is Responsible Supplier for, SMETS1 hubs and GPFs included.",
        conditions: ["responsible-supplier"],
      },
    ],
  },
  {
    clause: "G3.21",
    kind: "permission",
    summary:
      "The G3.20 arrangements may excuse a maker from warning a User it reasonably believes already knows.",
    since: firstVersion,
    actors: ["user"],
    affects: ["G3.20"],
  },
  {
    clause: "G3.22",
    kind: "duty",
    summary:
      "Do Cryptographic Processing only inside Cryptographic Modules set up as its Information Classification Scheme says.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["inventory of cryptographic modules", "classification scheme mapping keys to modules"],
    standards: [],
  },
  {
    clause: "G3.23",
    kind: "duty",
    summary:
      "An Eligible User for Supply Sensitive requests keeps the modules that hold Pre-Command signing keys and " +
      "sign Pre-Commands or critical SMETS1 requests, and its Supply Sensitive Check function, in the UK, run " +
      "and maintained by UK-based staff.",
    since: firstVersion,
    bearers: ["eligible-user-supply-sensitive"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "location of signing HSMs and check servers",
      "staff location records for operators",
      "hosting contracts",
    ],
    standards: [],
  },
  {
    clause: "G3.24",
    kind: "duty",
    summary:
      "Run those UK-located signing and checking components from an environment secured to the G5.17 standard.",
    since: firstVersion,
    bearers: ["eligible-user-supply-sensitive"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["ISO/IEC 27001 scope covering the signing environment", "physical security of the site"],
    standards: ["iso-27001"],
  },
  {
    clause: "G3.25",
    kind: "duty",
    summary:
      "Apply a Supply Sensitive Check before signing any Supply Sensitive Pre-Command or SMETS1 request, do " +
      "both in the UK, and keep the request in the UK between check and signature.",
    since: firstVersion,
    bearers: ["eligible-user-supply-sensitive"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "check-before-sign workflow design",
      "logs pairing checks with signatures",
      "data flow showing UK-only processing",
    ],
    standards: [],
  },
  {
    clause: "G3.26",
    kind: "duty",
    summary:
      "Use best endeavours to keep every enrolled SMETS1 system it is Responsible Supplier for Secure at all times.",
    since: firstVersion,
    bearers: ["supplier-party"],
    conditions: ["enrolled-smets1"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: [
      "SMETS1 security risk assessment",
      "design and support arrangements for SMETS1 fleet",
      "assurance provider verification",
    ],
    standards: [],
  },
  {
    clause: "G3.27",
    kind: "duty",
    summary: "Keep documents that show how it meets G3.26.",
    since: firstVersion,
    bearers: ["supplier-party"],
    conditions: ["enrolled-smets1"],
    trigger: { kind: "standing" },
    area: "information",
    evidence: ["retained G3.26 evidence pack", "document retention schedule"],
    standards: [],
  },
  {
    clause: "G3.28",
    kind: "definition",
    summary:
      "For G3.26, a SMETS1 system is 'Secure' when built and run so no event can materially Compromise its " +
      "Devices, judged against a high GB energy-industry standard the User assurance provider can verify.",
    since: firstVersion,
  },
  {
    clause: "G3.29",
    kind: "duty",
    summary:
      "Use a Private Key meant for signing SMETS2+ Commands only for such Commands and for signing " +
      "Certificate Signing Requests.",
    since: firstVersion,
    bearers: ["user"],
    trigger: { kind: "standing" },
    area: "system",
    evidence: ["key usage policy", "HSM key attributes restricting use", "signing logs"],
    standards: [],
  },
];
