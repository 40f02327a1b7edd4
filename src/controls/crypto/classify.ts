import type { CryptoOperation } from "./operation.js";

/**
 * Which kind of Cryptographic Module an operation must run in, under the current Section G
 * (G2.44 to G2.45, G3.22) read with the Section A definition of Cryptographic Processing as
 * amended for SMETS1 key storage.
 */
export type Requirement =
  | "fips-140-2-level-3"
  | "information-classification-scheme"
  | "not-cryptographic-processing";

export type Classification = {
  readonly requirement: Requirement;
  /** The paragraphs that decided the answer, in the order the reasoning applied them; never empty. */
  readonly clauses: readonly [string, ...string[]];
  readonly reason: string;
};

/** Strictness order, for callers comparing two answers. */
export const requirementRank: Readonly<Record<Requirement, number>> = {
  "not-cryptographic-processing": 0,
  "information-classification-scheme": 1,
  "fips-140-2-level-3": 2,
};

const definition = "A1 (Cryptographic Processing)";

type Paragraph = {
  readonly clause: string;
  readonly applies: (op: CryptoOperation) => boolean;
  readonly says: string;
};

const privateKeys = new Set(["dcc-private", "private", "recovery-private", "contingency-private"]);

/*
 * G2.44(b) to (f) speak of processing that "involves the use" of a key for a purpose. They are
 * read as covering the generation and storage of that key as well as its use: G2.44B only makes
 * sense that way (it excepts a period in which the key cannot be used at all), and the definition
 * had to carve encrypted SMETS1 key storage out explicitly. So `activity` never moves an
 * operation between paragraphs; only the storage exclusion of the definition looks at it.
 */
const fipsParagraphs: readonly Paragraph[] = [
  {
    clause: "G2.44(a)",
    applies: (op) => op.purpose === "cos-party",
    says: "it serves the DCC's obligations as CoS Party",
  },
  {
    clause: "G2.44(b)",
    applies: (op) => op.purpose === "command-mac" && op.target === "smets2",
    says: "it puts a Message Authentication Code on a Command for a SMETS2+ Device",
  },
  {
    clause: "G2.44(c)",
    applies: (op) => op.by === "dco" && op.key === "smets1-symmetric",
    says: "a DCO uses a SMETS1 Symmetric Key",
  },
  {
    clause: "G2.44(d)",
    applies: (op) => op.key === "dcc-private" && op.purpose === "tls" && op.target === "smets1",
    says: "a DCC Private Key sets up TLS to talk to a SMETS1 Device",
  },
];

/** G2.44(e) unless one of the G2.44A circumstances occurs. */
const smets1ServiceProviderKey: Paragraph = {
  clause: "G2.44(e)",
  applies: (op) => op.by === "smets1-service-provider" && op.key === "smets1-symmetric",
  says: "a SMETS1 Service Provider uses a SMETS1 Symmetric Key",
};

const exceptionsToE: readonly Paragraph[] = [
  {
    clause: "G2.44A(a)",
    applies: (op) => op.purpose === "add-credit" && op.target === "smets1",
    says: "it builds an add-credit Command for a SMETS1 Device",
  },
  {
    clause: "G2.44A(b)",
    applies: (op) => op.purpose === "instruction" && op.target === "smets1" && op.deviceCategory === 1,
    says: "it builds an Instruction for a Category 1 SMETS1 Device",
  },
  {
    clause: "G2.44A(c)",
    applies: (op) =>
      op.keyLifetime === "application-association" && op.target === "smets1" && op.deviceCategory === 2,
    says: "the key lives for one Application Association and the target is a Category 2 SMETS1 Device",
  },
  {
    clause: "G2.44A(d)",
    applies: (op) => op.purpose === "tls" && op.keyLifetime === "tls-session" && op.target === "smets1",
    says: "the key is made for, and dies with, one TLS session with a SMETS1 Device",
  },
];

/** G2.44(f) unless one of the G2.44B circumstances occurs. */
const commandSignature: Paragraph = {
  clause: "G2.44(f)",
  applies: (op) => privateKeys.has(op.key) && op.purpose === "command-signature" && op.target === "smets2",
  says: "a Private Key signs a Command meant for a SMETS2+ Device",
};

/*
 * G2.44B excepts only the time during which the Recovery Private Key, or the Contingency Private
 * Key, is held split into parts under Appendix L and so cannot be used. A split flag on any other
 * key, or either of those keys while whole, leaves G2.44(f) in force.
 */
const exceptionsToF: readonly Paragraph[] = [
  {
    clause: "G2.44B(a)",
    applies: (op) => op.key === "recovery-private" && op.keySplit === true,
    says: "the Recovery Private Key is held split into parts and cannot be used",
  },
  {
    clause: "G2.44B(b)",
    applies: (op) => op.key === "contingency-private" && op.keySplit === true,
    says: "the Contingency Private Key is held split into parts and cannot be used",
  },
];

/** The one answer for an operation; total over every combination of the contract's fields. */
export function classifyCryptoOperation(op: CryptoOperation): Classification {
  if (isExcludedStorage(op)) {
    return {
      requirement: "not-cryptographic-processing",
      clauses: [definition],
      reason:
        "storing encrypted secret key material used with SMETS1 Devices is outside the definition of Cryptographic Processing",
    };
  }
  if (op.by === "user") {
    return {
      requirement: "information-classification-scheme",
      clauses: ["G3.22"],
      reason:
        "a User's Cryptographic Processing runs in modules set up under its Information Classification Scheme",
    };
  }

  const fips: Paragraph[] = fipsParagraphs.filter((p) => p.applies(op));
  const excepted: Paragraph[] = [];
  for (const [paragraph, exceptions] of [
    [smets1ServiceProviderKey, exceptionsToE],
    [commandSignature, exceptionsToF],
  ] as const) {
    if (!paragraph.applies(op)) continue;
    const hits = exceptions.filter((e) => e.applies(op));
    if (hits.length === 0) fips.push(paragraph);
    else excepted.push(...hits);
  }

  const [first, ...rest] = fips;
  if (first) {
    return {
      requirement: "fips-140-2-level-3",
      clauses: [first.clause, ...rest.map((p) => p.clause)],
      reason: `FIPS 140-2 Level 3 modules are required because ${fips.map(explain).join("; ")}`,
    };
  }
  const because =
    excepted.length === 0
      ? "no paragraph of G2.44 covers it"
      : `G2.44 does not reach it: ${excepted.map(explain).join("; ")}`;
  return {
    requirement: "information-classification-scheme",
    clauses: endingWith(
      excepted.map((p) => p.clause),
      "G2.45",
    ),
    reason: `${because}, so the DCC's Information Classification Scheme modules suffice (G2.45)`,
  };
}

function explain(paragraph: Paragraph): string {
  return `${paragraph.says} (${paragraph.clause})`;
}

/*
 * The definition leaves out storage of Secret Key Material used in communicating with a SMETS1
 * Device when that material is encrypted. A SMETS1 Symmetric Key is such material by its own
 * definition; any other key counts when its target is a SMETS1 Device.
 */
function isExcludedStorage(op: CryptoOperation): boolean {
  return (
    op.activity === "store" &&
    op.keyEncrypted === true &&
    (op.key === "smets1-symmetric" || op.target === "smets1")
  );
}

function endingWith(clauses: readonly string[], last: string): Classification["clauses"] {
  const [head = last, ...tail] = [...clauses, last];
  return [head, ...tail];
}
