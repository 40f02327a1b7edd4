/**
 * RFC 8785 canonical JSON and its SHA-256: the one way this project hashes a value, so that key
 * order (a database's jsonb, a YAML file) never counts as a change.
 */
import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";

// The package is CommonJS exporting the function itself, while its typings declare an ES default
// export; under NodeNext resolution TypeScript therefore mistypes the default import.
/** The RFC 8785 canonical JSON of a value; undefined for what JSON cannot hold (undefined, a function). */
export const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** SHA-256 (hex) of a value's RFC 8785 canonical JSON. */
export function canonicalSha256(value: unknown): string {
  return createHash("sha256")
    .update(canonicalize(value) ?? "", "utf8")
    .digest("hex");
}
