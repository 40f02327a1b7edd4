import type { CodeVersionLabel } from "./types.js";

/**
 * The Code versions the catalogue distinguishes, oldest first. secg only models changes it can see in
 * its source documents, so a version here is a point where some entry of the catalogue changes:
 *
 * - the SMETS1 cryptographic-processing modification (the redline, seed 004) reshaped G2.44–G2.45 and
 *   added the SMETS1 key definitions;
 * - the March 2020 text of G2 (seed 000);
 * - DP087 corrected G3.20 so that the exclusion for Communications Hub and Gas Proxy Functions covers
 *   only SMETS2+ Devices, leaving Users answerable for SMETS1 ones (seed 003);
 * - the current Section G (seed 001), which adds G2.22A–G2.22I, G2.44B and G2.48–G2.61 among others.
 *
 * The seeds do not give in-force dates, so the dates below are assumptions, marked as such, and every
 * answer names the version it was computed under so that a reader can check it against the real
 * history. Clauses known only from the current text are taken to hold from the first version.
 */
export type CodeVersion = {
  readonly label: CodeVersionLabel;
  readonly inForce: string;
  readonly title: string;
  readonly dateAssumed: boolean;
};

export const codeVersions: readonly CodeVersion[] = [
  {
    label: "sec-2019-11",
    inForce: "2019-11-01",
    title: "SMETS1 cryptographic processing modification (G2.44–G2.45, new SMETS1 key definitions)",
    dateAssumed: true,
  },
  { label: "sec-2020-03", inForce: "2020-03-31", title: "G2 as in the March 2020 text", dateAssumed: true },
  {
    label: "sec-dp087",
    inForce: "2022-06-30",
    title: "DP087: G3.20 exclusion limited to SMETS2+",
    dateAssumed: true,
  },
  { label: "sec-current", inForce: "2024-11-01", title: "Current Section G (G1.1–G12.9)", dateAssumed: true },
];

/** The first version the catalogue knows: entries with no earlier history hold from here. */
export const firstVersion: CodeVersionLabel = "sec-2019-11";

/** The version in force on an ISO date, or undefined before the first one. */
export function versionOn(date: string): CodeVersion | undefined {
  let found: CodeVersion | undefined;
  for (const v of codeVersions) if (v.inForce <= date) found = v;
  return found;
}

/** Position of a label in the timeline, for comparing `since`/`until`; throws on an unknown label. */
export function versionIndex(label: CodeVersionLabel): number {
  const i = codeVersions.findIndex((v) => v.label === label);
  if (i < 0) throw new Error(`unknown Code version label ${label}`);
  return i;
}
