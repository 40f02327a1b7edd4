import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../common/input-error.js";
import { type PartyProfile, parseProfile } from "../obligations/profile.js";
import { readTextFile } from "./io.js";

export async function readProfile(file: string): Promise<PartyProfile> {
  return parseProfile(await readTextFile(file), file);
}

/**
 * The profiles of a folder (`--profiles DIR`), keyed by id, so rules that add other parties'
 * premises (G8.43, G8.46, G8.63) can find `providedBy` and `sharedWith` parties.
 */
export async function readProfileDir(dir: string): Promise<ReadonlyMap<string, PartyProfile>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch {
    throw new InputError({ file: dir }, "a readable folder of profiles (.yaml, .yml or .json)");
  }
  const profiles = new Map<string, PartyProfile>();
  for (const name of names) {
    const file = join(dir, name);
    const profile = await readProfile(file);
    if (profiles.has(profile.id)) {
      throw new InputError(
        { file, path: "id" },
        `a unique party id ("${profile.id}" is used by another profile)`,
      );
    }
    profiles.set(profile.id, profile);
  }
  return profiles;
}

/** The profile plus the folder it may refer into; the profile itself wins over a same-id file. */
export async function readProfileWithPeers(
  file: string,
  dir: string | undefined,
): Promise<{ profile: PartyProfile; peers: ReadonlyMap<string, PartyProfile> }> {
  const profile = await readProfile(file);
  const peers = new Map(dir === undefined ? [] : await readProfileDir(dir));
  peers.set(profile.id, profile);
  for (const ref of [profile.sharedResources?.providedBy, ...(profile.sharedResources?.sharedWith ?? [])]) {
    if (ref !== undefined && !peers.has(ref)) {
      throw new InputError(
        { file, path: "sharedResources" },
        `a profile for party "${ref}" in --profiles ${dir ?? "(none given)"}`,
      );
    }
  }
  return { profile, peers };
}
