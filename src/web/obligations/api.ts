/** The parties and obligations endpoints, in the shapes of src/api/routes/parties.ts and obligations.ts. */
import { endpoint } from "../api/client.js";

export type Obligation = { readonly id: string; readonly because: readonly string[] };

export type CodeVersionRef = {
  readonly label: string;
  readonly inForce: string;
  readonly dateAssumed: boolean;
};

export type ObligationsAnswer = {
  readonly party: string;
  readonly on: string;
  readonly codeVersion: CodeVersionRef;
  readonly partyObligations: readonly Obligation[];
  readonly roles: readonly {
    readonly role: string;
    readonly because: readonly string[];
    readonly obligations: readonly Obligation[];
  }[];
};

export type PartySummary = {
  readonly id: string;
  readonly name: string;
  readonly kind: "party" | "dcc";
  readonly roles: readonly string[];
};

export type CatalogueEntry = {
  readonly clause: string;
  readonly part: string;
  readonly kind: string;
  readonly summary: string;
  readonly area?: string;
  readonly trigger?: { readonly kind: string; readonly every?: string; readonly event?: string };
  readonly evidence?: readonly string[];
  readonly standards?: readonly string[];
  readonly paragraphs?: readonly { readonly id: string; readonly summary: string }[];
};

export type ChangedObligation = {
  readonly id: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  readonly entryChanged: boolean;
};

export type Change = {
  readonly starts: readonly Obligation[];
  readonly stops: readonly Obligation[];
  readonly changed: readonly ChangedObligation[];
};

export type ObligationsDiff = {
  readonly from: { readonly on: string; readonly codeVersion: CodeVersionRef };
  readonly to: { readonly on: string; readonly codeVersion: CodeVersionRef };
  readonly partyObligations: Change;
  readonly roles: readonly ({ readonly role: string } & Change)[];
};

const seg = encodeURIComponent;

export const obligationsApi = {
  parties: () => endpoint<{ parties: PartySummary[] }>("/api/parties"),
  obligations: (party: string, on: string) =>
    endpoint<ObligationsAnswer>(`/api/parties/${seg(party)}/obligations`, { on }),
  catalogue: (version: string) => endpoint<{ entries: CatalogueEntry[] }>("/api/catalogue", { version }),
  diff: (party: string, from: string, to: string) =>
    endpoint<ObligationsDiff>(`/api/parties/${seg(party)}/obligations/diff`, { from, to }),
};

/** The clause an obligation id belongs to: "G5.19(d)" → "G5.19". */
export function clauseOf(id: string): string {
  return id.replace(/\(.*$/, "");
}
