import { z } from "zod";
import { parseStructured, refuseRepeatedIds } from "../../common/structured-input.js";
import { type IsoDate, isIsoDate } from "../../obligations/calendar/iso-date.js";

/**
 * The Organisation Certificates the DCC is Subscriber for, checked against G2.57–G2.59: a certificate
 * whose Remote Party Role the GB Companion Specification (GBCS) specifies must not carry a Private Key
 * used for purposes GBCS does not describe. One already held must have its key replaced (by one under a
 * role of Section L, Annex A, Table 1) at the earliest opportunity and by its expiry at the latest
 * (G2.57); after the ECoS Service Live Date the DCC may not newly subscribe for one (G2.58), except to
 * replace such a certificate revoked under the SMKI Recovery Procedure (G2.59).
 *
 * Whether a role is a GBCS one, and whether a use is beyond GBCS, come from the register: the Code
 * leaves both to GBCS, which the seeds do not hold.
 */
export type OrganisationCertificate = {
  readonly id: string;
  readonly remotePartyRole: string;
  /** G2.57(a), G2.58(a), G2.59(a): its Remote Party Role is one GBCS specifies. */
  readonly gbcsRole: boolean;
  /** G2.57(b), G2.58(b): its Private Key is used, or to be used, for purposes GBCS does not describe. */
  readonly nonGbcsUse: boolean;
  /** The day the DCC became its Subscriber. */
  readonly subscribed: IsoDate;
  readonly expires: IsoDate;
  /** The day its Private Key was replaced as G2.57 asks. */
  readonly keyReplaced?: IsoDate | undefined;
  /** G2.59(b): it replaces a certificate revoked under the SMKI Recovery Procedure. */
  readonly replacesRevokedUnderRecovery?: boolean | undefined;
};

export type CertificateRegister = {
  /** The ECoS Service Live Date; G2.58 cannot be judged without it. */
  readonly ecosServiceLiveDate?: IsoDate | undefined;
  readonly certificates: readonly OrganisationCertificate[];
};

export type CertificateFinding = {
  readonly certificate: string;
  readonly clause: string;
  readonly severity: "error" | "warning";
  readonly detail: string;
};

export function checkOrganisationCertificates(
  register: CertificateRegister,
  on: IsoDate,
): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  const live = register.ecosServiceLiveDate;
  for (const cert of register.certificates) {
    if (!cert.gbcsRole || !cert.nonGbcsUse) continue;
    const what = `Organisation Certificate ${cert.id} (${cert.remotePartyRole}, a GBCS role) has a Private Key used beyond GBCS`;
    if (live !== undefined && cert.subscribed > live && cert.replacesRevokedUnderRecovery !== true) {
      findings.push({
        certificate: cert.id,
        clause: "G2.58",
        severity: "error",
        detail: `${what}, and the DCC became its Subscriber on ${cert.subscribed}, after the ECoS Service Live Date ${live}, without replacing one revoked under the SMKI Recovery Procedure (G2.59)`,
      });
    }
    const replaced = cert.keyReplaced;
    if (replaced !== undefined && replaced <= cert.expires) continue;
    if (replaced !== undefined) {
      findings.push({
        certificate: cert.id,
        clause: "G2.57",
        severity: "error",
        detail: `${what}; its key was replaced on ${replaced}, after the certificate expired on ${cert.expires}`,
      });
    } else if (cert.expires < on) {
      findings.push({
        certificate: cert.id,
        clause: "G2.57",
        severity: "error",
        detail: `${what}; its key was not replaced by the certificate's expiry on ${cert.expires}`,
      });
    } else {
      findings.push({
        certificate: cert.id,
        clause: "G2.57",
        severity: "warning",
        detail: `${what}; replace the key at the earliest opportunity, and by ${cert.expires} at the latest, with one under a Section L Table 1 role`,
      });
    }
  }
  return findings;
}

const date = z
  .string()
  .refine(isIsoDate, "a real calendar date written YYYY-MM-DD")
  .transform((t) => t as IsoDate);

const schema = z
  .object({
    ecosServiceLiveDate: date.optional(),
    certificates: z.array(
      z
        .object({
          id: z.string().min(1, "a non-empty certificate id"),
          remotePartyRole: z.string().min(1, "the Remote Party Role named in the certificate"),
          gbcsRole: z.boolean(),
          nonGbcsUse: z.boolean(),
          subscribed: date,
          expires: date,
          keyReplaced: date.optional(),
          replacesRevokedUnderRecovery: z.boolean().optional(),
        })
        .strict()
        .refine((c) => c.expires >= c.subscribed, {
          path: ["expires"],
          message: "a date on or after subscribed",
        }),
    ),
  })
  .strict()
  .superRefine((register, ctx) =>
    refuseRepeatedIds(ctx, "certificates", register.certificates, "certificate"),
  );

/** Reads the register (YAML or JSON); bad input throws an InputError naming file, line and key path. */
export function parseCertificateRegister(text: string, file: string): CertificateRegister {
  return parseStructured(text, file, schema);
}
