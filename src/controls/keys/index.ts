/** The key-material checks, each pure: plain data in, findings out. */
export { checkKeyUse, type KeyFinding, type KeyFindingKind } from "./check.js";
export { parseSigningEvents, type SigningEvent } from "./events.js";
export {
  type CertificateFinding,
  type CertificateRegister,
  checkOrganisationCertificates,
  type OrganisationCertificate,
  parseCertificateRegister,
} from "./organisation-certificates.js";
export { type KeyRegister, parseKeyRegister, type SigningKey } from "./register.js";
