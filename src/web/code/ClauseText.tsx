import type { ReactNode } from "react";
import { type ClausesRoute, routeHref } from "../routes.js";
import { linkMentions, provisionRoute } from "./references.js";

type Props = {
  readonly text: string;
  /** Clause ids that mentions may link to: the clauses this clause refers to. */
  readonly linkable: ReadonlySet<string>;
  /** The view the text is read in; following a link keeps its version, search and part. */
  readonly from: ClausesRoute;
};

/** Clause words with each cross-reference turned into a link to the clause (or part) referred to. */
export function ClauseText({ text, linkable, from }: Props): ReactNode {
  return linkMentions(text, linkable).map((segment, index) =>
    segment.kind === "text" ? (
      segment.text
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: segments are derived from fixed text and never reorder.
      <a key={index} className="xref" href={routeHref(provisionRoute(from, segment.provision))}>
        {segment.text}
      </a>
    ),
  );
}
