import { InputError } from "../../common/input-error.js";
import type { InstalledPackage } from "./inventory.js";

/** The query format the collector asks rpm for: one tab-separated line per package. */
export const rpmQueryFormat = "%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\n";

export function parseRpmQuery(text: string, file: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const [name, version, architecture, extra] = line.split("\t");
    if (!name || !version || extra !== undefined)
      throw new InputError({ file, line: i + 1 }, "NAME<tab>VERSION-RELEASE<tab>ARCH");
    packages.push({ name, version, ...(architecture ? { architecture } : {}), manager: "rpm" });
  }
  return packages;
}
