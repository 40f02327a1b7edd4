import { InputError } from "../../common/input-error.js";
import type { InstalledPackage } from "./inventory.js";

/**
 * Reads dpkg's status database (/var/lib/dpkg/status): stanzas of `Field: value` lines separated
 * by blank lines, with continuation lines starting with a space or tab. Only packages whose
 * Status ends in "installed" count; removed packages that left config files behind do not.
 */
export function parseDpkgStatus(text: string, file: string): InstalledPackage[] {
  const packages: InstalledPackage[] = [];
  const lines = text.split("\n");
  let fields = new Map<string, string>();
  let start = 0;
  let last: string | undefined;

  const finish = () => {
    if (fields.size > 0) {
      const found = stanzaPackage(fields, file, start);
      if (found) packages.push(found);
    }
    fields = new Map();
    last = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, "");
    if (line.trim() === "") {
      finish();
      continue;
    }
    if (fields.size === 0 && last === undefined) start = i + 1;
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (last === undefined)
        throw new InputError({ file, line: i + 1 }, "a `Field: value` line before a continuation line");
      continue;
    }
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon) : "";
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(name))
      throw new InputError({ file, line: i + 1 }, "a `Field: value` line (dpkg control-file format)");
    last = name.toLowerCase();
    fields.set(last, line.slice(colon + 1).trim());
  }
  finish();
  return packages;
}

function stanzaPackage(
  fields: Map<string, string>,
  file: string,
  line: number,
): InstalledPackage | undefined {
  const name = fields.get("package");
  if (!name) throw new InputError({ file, line }, "a Package field in every stanza");
  const status = fields.get("status");
  if (status === undefined) throw new InputError({ file, line, path: name }, "a Status field");
  if (status.split(/\s+/).at(-1) !== "installed") return undefined;
  const version = fields.get("version");
  if (!version) throw new InputError({ file, line, path: name }, "a Version field for an installed package");
  const architecture = fields.get("architecture");
  return { name, version, ...(architecture ? { architecture } : {}), manager: "dpkg" };
}
