import { InputError } from "../common/input-error.js";
import type { CodeVersionLabel } from "./catalogue/types.js";

/**
 * The standards register (G1.2–G1.4): every outside standard, scheme or guide Section G cites, with the
 * edition the Code names and the later editions its issuer has published. G1.3 decides which edition a
 * duty means on a date: once a successor is out, either edition satisfies until the date the Panel fixes
 * for it, and from that date only the successor does.
 *
 * secg's sources hold no Panel decisions, so a successor's `panelDate` is null (no date known: either
 * edition still satisfies, G1.3(b)) unless recorded here, and every recorded date is marked as assumed.
 * Publication dates are given to the month (the first day of it) where the day is not material.
 */

/** Where the Code cites a standard; `since`/`until` bound citations that came or went between versions. */
export type Citation = {
  readonly clause: string;
  readonly since?: CodeVersionLabel;
  readonly until?: CodeVersionLabel;
};

export type Successor = {
  readonly edition: string;
  readonly published: string;
  /** The date from which only this edition satisfies (G1.3(a)); null while the Panel has set none. */
  readonly panelDate: string | null;
  readonly dateAssumed: boolean;
};

export type Standard = {
  readonly id: string;
  /** What it is, in secg's words. */
  readonly title: string;
  readonly issuer: string;
  /** The edition the Code cites; null for schemes and clearances that have no editions. */
  readonly edition: string | null;
  readonly citedBy: readonly Citation[];
  /** Later editions, oldest first. */
  readonly successors: readonly Successor[];
};

const none: readonly Successor[] = [];

export const standards: readonly Standard[] = [
  {
    id: "iso-27001",
    title: "Requirements for an information security management system",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27001:2013",
    citedBy: [
      { clause: "G3.24" },
      { clause: "G5.3" },
      { clause: "G5.17" },
      { clause: "G5.18" },
      { clause: "G8.5" },
      { clause: "G9.6" },
    ],
    successors: [
      // The assumed date follows the end of the certification bodies' transition to the 2022 edition.
      { edition: "ISO/IEC 27001:2022", published: "2022-10-25", panelDate: "2025-10-31", dateAssumed: true },
    ],
  },
  {
    id: "iso-27005",
    title: "Guidance on information security risk management",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27005:2011",
    citedBy: [{ clause: "G5.1" }, { clause: "G5.15" }],
    successors: [
      { edition: "ISO/IEC 27005:2018", published: "2018-07-01", panelDate: null, dateAssumed: false },
      { edition: "ISO/IEC 27005:2022", published: "2022-10-01", panelDate: null, dateAssumed: false },
    ],
  },
  {
    id: "iso-27035",
    title: "Information security incident management",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27035:2011",
    citedBy: [{ clause: "G5.10" }, { clause: "G5.23" }],
    successors: [
      {
        edition: "ISO/IEC 27035-1:2016 and 27035-2:2016",
        published: "2016-11-01",
        panelDate: null,
        dateAssumed: false,
      },
      {
        edition: "ISO/IEC 27035-1:2023 and 27035-2:2023",
        published: "2023-02-01",
        panelDate: null,
        dateAssumed: false,
      },
    ],
  },
  {
    id: "iso-27033-1",
    title: "Network security: overview and concepts",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27033-1:2009",
    citedBy: [{ clause: "G5.8" }],
    successors: [
      { edition: "ISO/IEC 27033-1:2015", published: "2015-08-01", panelDate: null, dateAssumed: false },
    ],
  },
  {
    id: "iso-27033-2",
    title: "Network security: guidelines for design and implementation",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27033-2:2012",
    citedBy: [{ clause: "G5.8" }],
    successors: none,
  },
  {
    id: "iso-27033-3",
    title: "Network security: reference scenarios, threats and controls",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27033-3:2010",
    citedBy: [{ clause: "G5.8" }],
    successors: none,
  },
  {
    id: "iso-22301",
    title: "Requirements for a business continuity management system",
    issuer: "ISO",
    edition: "ISO 22301:2012",
    citedBy: [{ clause: "G5.12" }],
    successors: [{ edition: "ISO 22301:2019", published: "2019-10-01", panelDate: null, dateAssumed: false }],
  },
  {
    id: "iso-27031",
    title: "ICT readiness for business continuity",
    issuer: "ISO/IEC",
    edition: "ISO/IEC 27031:2011",
    citedBy: [{ clause: "G5.12" }],
    successors: none,
  },
  {
    id: "bci-gpg",
    title: "Business Continuity Institute good practice guidelines",
    issuer: "Business Continuity Institute",
    edition: "BCI Good Practice Guidelines 2013",
    citedBy: [{ clause: "G5.12" }],
    successors: none,
  },
  {
    id: "tsa-2021",
    title: "Telecommunications (Security) Act 2021 and the security duties made under it",
    issuer: "UK Parliament",
    edition: "Telecommunications (Security) Act 2021",
    citedBy: [{ clause: "G5.7" }],
    successors: none,
  },
  {
    id: "bs-7858",
    title: "Code of practice for screening people employed in a security environment",
    issuer: "BSI",
    edition: "BS 7858:2012",
    citedBy: [{ clause: "G4.3" }, { clause: "G4.6" }, { clause: "G7.14" }],
    successors: [{ edition: "BS 7858:2019", published: "2019-10-01", panelDate: null, dateAssumed: false }],
  },
  {
    id: "hmg-security-check",
    title: "Security Check (SC), the UK government's national security vetting level",
    issuer: "HM Government",
    edition: null,
    citedBy: [{ clause: "G4.7" }, { clause: "G7.5" }],
    successors: none,
  },
  {
    id: "bs-10008",
    title: "Evidential weight and legal admissibility of electronic information",
    issuer: "BSI",
    edition: "BS 10008:2008",
    citedBy: [{ clause: "G2.27" }],
    successors: [
      { edition: "BS 10008:2014", published: "2014-12-01", panelDate: null, dateAssumed: false },
      { edition: "BS 10008-1:2020", published: "2020-07-01", panelDate: null, dateAssumed: false },
    ],
  },
  {
    id: "hmg-ia-standard-5",
    title: "HMG Information Assurance Standard No. 5, secure sanitisation of storage media",
    issuer: "HM Government (CESG)",
    edition: "IS5:2011",
    citedBy: [{ clause: "G2.18" }],
    successors: none,
  },
  {
    id: "cesg-gpg-13",
    title: "CESG Good Practice Guide 13, protective monitoring",
    issuer: "CESG",
    edition: "GPG 13:2012",
    citedBy: [{ clause: "G2.28", until: "sec-current" }],
    successors: none,
  },
  {
    id: "cesg-gpg-18",
    title: "CESG Good Practice Guide 18, forensic readiness",
    issuer: "CESG",
    edition: "GPG 18:2012",
    citedBy: [{ clause: "G2.27", until: "sec-current" }],
    successors: none,
  },
  {
    id: "fips-140-2",
    title: "Security requirements for cryptographic modules (the Code asks for Level 3)",
    issuer: "NIST",
    edition: "FIPS 140-2",
    citedBy: [{ clause: "G2.44" }],
    successors: [{ edition: "FIPS 140-3", published: "2019-03-22", panelDate: null, dateAssumed: false }],
  },
  {
    id: "cesg-check",
    title: "CHECK, the NCSC (formerly CESG) scheme approving penetration testing providers",
    issuer: "NCSC",
    edition: null,
    citedBy: [{ clause: "G2.13" }, { clause: "G2.22B", since: "sec-current" }, { clause: "G3.7" }],
    successors: none,
  },
  {
    id: "crest",
    title: "CREST certification of penetration testers",
    issuer: "CREST",
    edition: null,
    citedBy: [
      { clause: "G2.13", since: "sec-current" },
      { clause: "G2.22B", since: "sec-current" },
      { clause: "G3.7" },
    ],
    successors: none,
  },
  {
    id: "ssc-forensic-readiness-guidance",
    title: "The SSC's guidance on forensic readiness, published on the SEC website",
    issuer: "Security Sub-Committee",
    edition: null,
    citedBy: [{ clause: "G2.27", since: "sec-current" }],
    successors: none,
  },
  {
    id: "smki-pma-protective-monitoring-guidance",
    title: "The SMKI PMA's guidance on protective monitoring, published on the SEC website",
    issuer: "SMKI Policy Management Authority",
    edition: null,
    citedBy: [{ clause: "G2.28", since: "sec-current" }],
    successors: none,
  },
  {
    id: "ssc-security-controls-framework",
    title: "The SSC's Security Controls Framework: assessment methodology for User and DCC assessments",
    issuer: "Security Sub-Committee",
    edition: null,
    citedBy: [{ clause: "G7.19" }, { clause: "G9.3" }, { clause: "G9.18" }],
    successors: none,
  },
  {
    id: "ncsc-certified-professional",
    title:
      "Cyber security professional certification recognised by NCSC, the UK Cyber Security Council or UKAS",
    issuer: "NCSC / UK Cyber Security Council",
    edition: null,
    citedBy: [{ clause: "G8.6" }, { clause: "G9.7" }],
    successors: none,
  },
  {
    id: "ncsc-cpa",
    title: "NCSC Commercial Product Assurance: certification of devices against CPA Security Characteristics",
    issuer: "NCSC",
    edition: null,
    citedBy: [
      { clause: "G7.19" },
      { clause: "G7.20" },
      { clause: "G8.64" },
      { clause: "G12.4" },
      { clause: "G12.9" },
    ],
    successors: none,
  },
];

const byId = new Map(standards.map((s) => [s.id, s]));

/** The register entry for an id, or undefined when the register has none. */
export function standardById(id: string, register: readonly Standard[] = standards): Standard | undefined {
  return register === standards ? byId.get(id) : register.find((s) => s.id === id);
}

/**
 * The editions that satisfy a duty citing the standard on an ISO date (G1.3). Successors count from
 * publication; each one's Panel date retires every earlier edition, and before that date the earlier
 * editions still satisfy alongside it. A standard without editions is satisfied by itself.
 */
export function editionsSatisfying(
  standardId: string,
  date: string,
  register: readonly Standard[] = standards,
): readonly string[] {
  const standard = standardById(standardId, register);
  if (standard === undefined)
    throw new InputError({ path: "standard" }, `a standard id in the register (got "${standardId}")`);
  let accepted: string[] = [standard.edition ?? standard.title];
  for (const next of standard.successors) {
    if (next.published > date) break;
    accepted =
      next.panelDate !== null && next.panelDate <= date ? [next.edition] : [...accepted, next.edition];
  }
  return accepted;
}
