import { InputError } from "../../common/input-error.js";
import type { Inventory } from "./inventory.js";

/** Reads os-release(5): KEY=value lines, values optionally quoted; ID is the one required key. */
export function parseOsRelease(text: string, file: string): NonNullable<Inventory["os"]> {
  const values = new Map<string, string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!match) throw new InputError({ file, line: i + 1 }, "a KEY=value line");
    values.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, "$2"));
  }
  const id = values.get("ID");
  if (!id) throw new InputError({ file }, "an ID= line");
  const versionId = values.get("VERSION_ID");
  const prettyName = values.get("PRETTY_NAME");
  return { id, ...(versionId ? { versionId } : {}), ...(prettyName ? { prettyName } : {}) };
}
