import type { UserRole } from "../profile.js";

/**
 * Which User duties reach a role, and why. Each rule is one provision of Section G: G1.5 (duties per
 * role), G1.6 (a Network Party's RDP capacity is a role), G1.7 (Export Supplier and Registered Supplier
 * Agent roles keep a short list), G10.5 (a Shared Resource Provider is a User for G1–G5 and G7–G9) and
 * G12.5 (a Triage Facility Provider is a User for G1, G3–G5, G7 and G8).
 */

/** How a User duty on a clause reaches the role: reasons (most specific first) and, if narrowed, the paragraphs. */
export type Admission = { readonly reasons: readonly string[]; readonly only?: readonly string[] };

export type RoleScope = {
  /** Why the role carries User duties at all, most specific first. */
  readonly reasons: readonly string[];
  /** The admission of a User duty on `clause`, or undefined when the role does not carry it. */
  readonly admits: (clause: string) => Admission | undefined;
};

export const roleNames: Readonly<Record<UserRole, string>> = {
  "import-supplier": "Import Supplier",
  "export-supplier": "Export Supplier",
  "gas-supplier": "Gas Supplier",
  "electricity-distributor": "Electricity Distributor",
  "gas-transporter": "Gas Transporter",
  "other-user": "Other User",
  "registered-supplier-agent": "Registered Supplier Agent",
  "registration-data-provider": "Registration Data Provider",
  "shared-resource-provider": "Shared Resource Provider",
  "triage-facility-provider": "Triage Facility Provider",
};

/** "G5.19" → "G5". */
export function partOf(clause: string): string {
  return /^(G\d+)\./.exec(clause)?.[1] ?? clause;
}

const G2_TO_G9 = new Set(["G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9"]);

/** G1.5: every User duty applies to each role on its own. */
export function perRole(role: UserRole): string {
  return `G1.5: acts as ${roleNames[role]}; User duties apply to this role separately`;
}

/** G1.6: a Network Party's self-nominated Registration Data Provider capacity is one more User Role. */
export function registrationDataProviderRole(): string {
  return "G1.6: as a Network Party its Registration Data Provider capacity counts as an extra User Role";
}

/** The User duties G1.7 keeps for Export Supplier and Registered Supplier Agent roles, by clause. */
const keptByG17: ReadonlyMap<string, string> = new Map([
  ["G3.2", "G1.7(a)"],
  ["G3.3", "G1.7(a)"],
  ["G3.8", "G1.7(b)"],
  ["G3.9", "G1.7(b)"],
  ["G5.14", "G1.7(c)"],
  ["G5.15", "G1.7(c)"],
  ["G5.16", "G1.7(c)"],
  ["G5.17", "G1.7(c)"],
  ["G5.18", "G1.7(c)"],
  ["G5.25", "G1.7(d)"],
  ["G5.26", "G1.7(d)"],
]);

/**
 * G1.7: in the Export Supplier and Registered Supplier Agent roles only the listed User duties apply,
 * G5.18(b) is read with two substitutions, and through the second of them G5.19(d) alone of G5.19–G5.24
 * is owed. G1 governs G2–G9 only (G1.1), so User duties in later parts are untouched.
 */
export function exportOrAgentScope(role: UserRole): RoleScope {
  const name = roleNames[role];
  return {
    reasons: [`G1.7: as ${name} it owes only the User duties G1.7 lists`, perRole(role)],
    admits(clause) {
      const part = partOf(clause);
      if (!G2_TO_G9.has(part)) {
        return {
          reasons: [`G1.1: G1.7 limits only G2–G9, so this ${part} duty still reaches the ${name} role`],
        };
      }
      if (part === "G6") return { reasons: [`G1.7(e): the ${name} role keeps all of G6`] };
      if (clause === "G5.19") {
        return {
          reasons: [
            `G1.7(c)(ii): in the ${name} role G5.18(b)(iii) asks only for G5.19(d) (security education and awareness)`,
          ],
          only: ["G5.19(d)"],
        };
      }
      const kept = keptByG17.get(clause);
      if (kept === undefined) return undefined;
      if (clause === "G5.18") {
        return {
          reasons: [
            `G1.7(c)(i)–(ii): in the ${name} role G5.18(b)(i) covers only G3.2–G3.3 and G3.8–G3.9, and G5.18(b)(iii) only G5.19(d)`,
            `${kept}: the ${name} role keeps ${clause}`,
          ],
        };
      }
      return { reasons: [`${kept}: the ${name} role keeps ${clause}`] };
    },
  };
}

/** A role that carries User duties only in the named parts of Section G (G10.5, G12.5). */
function limitedToParts(
  role: UserRole,
  parts: ReadonlySet<string>,
  reason: string,
  displaced: ReadonlySet<string> = new Set(),
): RoleScope {
  return {
    reasons: [reason, perRole(role)],
    admits: (clause) => (parts.has(partOf(clause)) && !displaced.has(clause) ? { reasons: [] } : undefined),
  };
}

/**
 * G12.8 gives a Triage Facility Provider its own schedule of assessments, whose category the SSC picks,
 * so the general post-entry cycle of G8.40–G8.47 does not reach its triage role.
 */
const displacedByG128 = new Set(["G8.40", "G8.41", "G8.42", "G8.43", "G8.44", "G8.45", "G8.46", "G8.47"]);

/** G10.5: a Shared Resource Provider is a User, in an extra role, for G1–G5 and G7–G9 only. */
export function sharedResourceProviderScope(): RoleScope {
  return limitedToParts(
    "shared-resource-provider",
    new Set(["G1", "G2", "G3", "G4", "G5", "G7", "G8", "G9"]),
    "G10.5: as a Shared Resource Provider it is treated as a User, in an extra role, for G1–G5 and G7–G9, its User Systems being the Shared Resources it provides",
  );
}

/** G12.5: a Triage Facility Provider is treated as a User for G1, G3–G5, G7 and G8 only. */
export function triageFacilityProviderScope(): RoleScope {
  return limitedToParts(
    "triage-facility-provider",
    new Set(["G1", "G3", "G4", "G5", "G7", "G8"]),
    "G12.5: as a Triage Facility Provider it is treated as a User for G1, G3–G5, G7 and G8 (unless the SSC's triage guidance says otherwise), its User Systems being its Triage Activities",
    displacedByG128,
  );
}

/** Any other role carries every User duty (G1.5), the RDP capacity only by way of G1.6. */
export function ordinaryScope(role: UserRole): RoleScope {
  const reasons =
    role === "registration-data-provider" ? [registrationDataProviderRole(), perRole(role)] : [perRole(role)];
  return { reasons, admits: () => ({ reasons: [] }) };
}

/** The scope rule for a role. */
export function roleScope(role: UserRole): RoleScope {
  switch (role) {
    case "export-supplier":
    case "registered-supplier-agent":
      return exportOrAgentScope(role);
    case "shared-resource-provider":
      return sharedResourceProviderScope();
    case "triage-facility-provider":
      return triageFacilityProviderScope();
    default:
      return ordinaryScope(role);
  }
}
