/**
 * The registers by name, apart from their definitions so that the CLI can name them in its help
 * without loading the schemas (and the catalogue they check obligation ids against).
 */
export const registerNames = [
  "systems",
  "inventory",
  "people",
  "keys",
  "modules",
  "vulnerabilities",
  "incidents",
  "shared-resources",
  "evidence",
] as const;

export type RegisterName = (typeof registerNames)[number];

export function isRegisterName(name: string): name is RegisterName {
  return (registerNames as readonly string[]).includes(name);
}
