/**
 * The response shapes of the Code API as the dashboard reads them. They mirror what src/api
 * sends; the dashboard only relies on the fields named here.
 */

export type Version = {
  readonly label: string;
  /** The date (YYYY-MM-DD) from which this text is in force. */
  readonly inForce: string;
  /** The modification that made this version, when the importer recorded one. */
  readonly madeBy: string | null;
  readonly clauseCount: number;
  readonly sha256: string;
  readonly importedAt: string;
};

export type VersionsResponse = { readonly versions: readonly Version[] };

export type ClauseSummary = {
  readonly id: string;
  readonly part: string;
  readonly heading: string;
  readonly text: string;
  readonly notUsed: boolean;
};

export type ClausesResponse = { readonly version: unknown; readonly clauses: readonly ClauseSummary[] };

export type Paragraph = {
  readonly label: string;
  readonly id: string;
  readonly text: string;
  readonly children: readonly Paragraph[];
};

export type Reference = { readonly from: string; readonly to: string };

export type ClauseDetail = ClauseSummary & {
  readonly intro: string;
  readonly paragraphs: readonly Paragraph[];
  readonly references: readonly Reference[];
};

export type ClauseResponse = {
  readonly version: { readonly label: string; readonly inForce: string };
  readonly clause: ClauseDetail;
};

export type DiffResponse = {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly unchanged: readonly string[];
};

export type RedlineSpan = { readonly op: "equal" | "insert" | "delete"; readonly text: string };

export type RedlineResponse = {
  readonly clause: string;
  readonly old: string | null;
  readonly new: string | null;
  readonly spans: readonly RedlineSpan[];
};

export type EffectKind = "inserted" | "substituted" | "repealed" | "renumbered";

export type Effect = {
  readonly from: string;
  readonly to: string;
  readonly clauseId: string;
  readonly kind: EffectKind;
  readonly renumberedFrom?: string;
  readonly madeBy: string | null;
};

export type EffectsResponse = { readonly effects: readonly Effect[] };

export type ApiErrorBody = {
  readonly error: { readonly code: string; readonly message: string; readonly path?: string };
};
